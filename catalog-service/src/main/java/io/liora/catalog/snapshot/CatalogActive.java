package io.liora.catalog.snapshot;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** Which snapshot a tenant's customers see (one row per tenant). */
@Entity
@Table(name = "catalog_active")
public class CatalogActive extends LioraEntity {

    @Column(name = "cliente_id", nullable = false, unique = true)
    public UUID clienteId;

    @Column(name = "snapshot_id", nullable = false)
    public UUID snapshotId;

    @Column(nullable = false)
    public int version;

    @Column(name = "activated_by", length = 100)
    public String activatedBy;
}
