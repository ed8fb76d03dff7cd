package io.liora.catalog.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and defaults of catalog publishing. */
@ConfigMapping(prefix = "liora.catalog")
public interface CatalogConfig {

    /** Currency of items that name none (ISO 4217). */
    @WithDefault("CLP")
    String defaultCurrency();

    /** Largest publish body accepted; larger ones answer 413 and are logged as too_large. */
    @WithDefault("5242880")
    int maxBodyBytes();

    /** Most items one catalog may have. */
    @WithDefault("10000")
    int maxItems();

    /** How far a signature's timestamp may be from now. */
    @WithDefault("PT5M")
    Duration signatureTolerance();

    /**
     * How long a replica searches the version it last saw active before reading again which one is:
     * a publish or rollback on another replica reaches its searches within this time (at once on the
     * replica that made it).
     */
    @WithDefault("PT1S")
    Duration activeRecheck();

    /** How long the previous publishing secret stays valid after a rotation. */
    @WithDefault("PT24H")
    Duration secretGrace();

    /** Whether this replica runs the background work: publishes to the audit trail, retention. */
    @WithDefault("true")
    boolean workersEnabled();

    /** How often publishes and rollbacks not yet in the audit trail are sent. */
    @WithDefault("PT5S")
    Duration auditEvery();

    /**
     * Whether a replica rehearses a publish at start-up before it reports ready ({@link PublishWarmUp}),
     * so the first real publish and search do not run in a cold JVM.
     */
    @WithDefault("true")
    boolean warmUp();
}
