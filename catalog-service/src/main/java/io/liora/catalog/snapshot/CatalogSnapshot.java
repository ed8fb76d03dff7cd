package io.liora.catalog.snapshot;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One published version of a tenant's catalog; never changed once written. */
@Entity
@Table(name = "catalog_snapshot")
public class CatalogSnapshot extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(nullable = false)
    public int version;

    /** SHA-256 (hex) of the canonical content. */
    @Column(nullable = false, length = 64)
    public String checksum;

    @Column(name = "item_count", nullable = false)
    public int itemCount;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Map<String, Object>> items;

    @Column(name = "published_by", length = 100)
    public String publishedBy;
}
