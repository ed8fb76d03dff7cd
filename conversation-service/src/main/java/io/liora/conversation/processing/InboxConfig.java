package io.liora.conversation.processing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the inbox is worked. */
@ConfigMapping(prefix = "liora.inbox")
public interface InboxConfig {

    /** Whether this replica processes messages (off in tests that drive it by hand). */
    @WithDefault("true")
    boolean workerEnabled();

    @WithDefault("PT0.2S")
    Duration pollInterval();

    /** How often delivery statuses are forwarded to integrations-service ({@link StatusForwarder}). */
    @WithDefault("PT0.5S")
    Duration statusInterval();

    /** Messages claimed per round: at most one per contact. */
    @WithDefault("64")
    int batchSize();

    /** How many of a round's messages are processed at the same time (each is another contact's). */
    @WithDefault("64")
    int concurrency();

    /** How long a claim lasts: a worker that died mid-processing leaves the message to another after it. */
    @WithDefault("PT30S")
    Duration claimLease();

    /** Tries before a message is given up as failed. */
    @WithDefault("10")
    int maxAttempts();

    /** Whether unmatched messages go to integrations-service's intent fallback. */
    @WithDefault("true")
    boolean nlpFallback();

    /** The fallback's confidence below which its answer is ignored. */
    @WithDefault("0.6")
    double nlpMinConfidence();

    /** How often held conversations are checked for the tenant's idle timeout. */
    @WithDefault("PT30S")
    Duration idleSweepInterval();
}
