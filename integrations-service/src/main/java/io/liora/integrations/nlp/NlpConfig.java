package io.liora.integrations.nlp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The OpenAI intent fallback: off unless an API key is configured. */
@ConfigMapping(prefix = "liora.nlp")
public interface NlpConfig {

    /** The OpenAI API key (a Secret); without it every answer is {@code none} / {@code disabled}. */
    Optional<String> apiKey();

    @WithDefault("gpt-4o-mini")
    String model();

    /** How long a classification may take before the conversation goes on without it. */
    @WithDefault("PT2S")
    Duration timeout();

    /** Calls per tenant and day. */
    @WithDefault("1000")
    int dailyCap();
}
