package io.liora.catalog.ingest;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** One publish attempt, accepted or not. */
@Entity
@Table(name = "ingest_log")
public class IngestLog extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(nullable = false, length = 30)
    public String outcome;

    public String reason;

    @Column(name = "size_bytes")
    public Integer sizeBytes;

    @Column(name = "item_count")
    public Integer itemCount;

    @Column(name = "snapshot_version")
    public Integer snapshotVersion;

    @Column(length = 100)
    public String actor;

    @Column(name = "source_address", length = 64)
    public String sourceAddress;
}
