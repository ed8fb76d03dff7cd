package io.liora.catalog.ingest;

/** How a publish attempt (or a rollback) ended; the value stored in {@code ingest_log.outcome}. */
public enum IngestOutcome {
    accepted, duplicate, bad_signature, stale_signature, replayed, invalid_schema, too_large, unauthorized,
    /** an owner or admin made an older snapshot active again */
    activated
}
