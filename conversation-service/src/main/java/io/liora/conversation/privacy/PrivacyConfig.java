package io.liora.conversation.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Export, erasure and retention of customers' data. */
@ConfigMapping(prefix = "liora.privacy")
public interface PrivacyConfig {

    /**
     * The key of the tombstones' HMAC (a Kubernetes Secret, {@code LIORA_TOMBSTONE_KEY}): at least 16
     * characters, and never changed once erasures exist (their tombstones would stop matching).
     */
    String tombstoneKey();

    /** How often the erasure worker looks for erasures whose remaining steps are due. */
    @WithDefault("5s")
    Duration erasureEvery();

    /** How often the retention job runs. */
    @WithDefault("1h")
    Duration retentionEvery();

    /** Rows a retention step removes per transaction (short transactions, short locks). */
    @WithDefault("500")
    int retentionBatch();
}
