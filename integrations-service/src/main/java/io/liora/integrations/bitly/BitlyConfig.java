package io.liora.integrations.bitly;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Bitly v4; without a token, links are returned long (shortened=false, reason "disabled"). */
@ConfigMapping(prefix = "liora.bitly")
public interface BitlyConfig {

    /** The Bitly access token (a Secret). */
    Optional<String> token();

    /** The branded or default domain short links use. */
    @WithDefault("bit.ly")
    String domain();

    /** The Bitly group links are created in; Bitly's default group when absent. */
    Optional<String> groupGuid();
}
