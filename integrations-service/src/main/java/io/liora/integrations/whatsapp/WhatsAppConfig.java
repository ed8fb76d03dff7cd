package io.liora.integrations.whatsapp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the WhatsApp sender reaches Meta and how hard it tries. */
@ConfigMapping(prefix = "liora.whatsapp")
public interface WhatsAppConfig {

    /** Graph API version in the path, e.g. {@code v21.0}. */
    @WithDefault("v21.0")
    String graphVersion();

    /** How often the sender looks for due messages when it is not woken by a new one. */
    @WithDefault("PT0.5S")
    Duration pollInterval();

    /** Messages claimed per round. */
    @WithDefault("64")
    int batchSize();

    /** How many of a round's messages are sent at the same time (each to another recipient). */
    @WithDefault("32")
    int concurrency();

    /** How long a claim lasts: a sender that died mid-send leaves the message to another after it. */
    @WithDefault("PT30S")
    Duration claimLease();

    /**
     * How much longer a dead sender's message waits, after its lease, for a status from Meta that
     * says it was sent after all (statuses name the message by our callback data) before it is sent again.
     */
    @WithDefault("PT45S")
    Duration orphanGrace();

    /** Retries of a retryable error, with full-jitter exponential backoff. */
    @WithDefault("8")
    int maxAttempts();

    @WithDefault("PT1S")
    Duration backoffBase();

    @WithDefault("PT5M")
    Duration backoffCap();

    /** A message older than this is not retried any more. */
    @WithDefault("PT24H")
    Duration maxAge();

    /** How long a credentials answer from tenant-service is reused. */
    @WithDefault("PT60S")
    Duration credentialsTtl();

    /** How often templates are compared with Meta's list of each account (webhooks can be missed). */
    @WithDefault("PT15M")
    Duration templateSync();

    /** How often a paused tenant (expired token) is checked for a rotated one. */
    @WithDefault("PT60S")
    Duration pauseRecheck();

    /** Messages per second a number may send (Meta's default business tier). */
    @WithDefault("80")
    int defaultCeiling();

    /** Numbers with another ceiling, e.g. upgraded ones: {@code liora.whatsapp.ceilings."1234"=1000}. */
    java.util.Map<String, Integer> ceilings();

    /** Whether this replica runs the sender (off in tests that drive it by hand). */
    @WithDefault("true")
    boolean senderEnabled();
}
