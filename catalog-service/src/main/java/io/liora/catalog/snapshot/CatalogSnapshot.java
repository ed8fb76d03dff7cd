package io.liora.catalog.snapshot;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

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

    /**
     * The canonical items, a JSON array handled as text here: Hibernate Reactive maps JSON columns
     * to objects, not arrays, and the PostgreSQL client would send a String bound to jsonb as a JSON
     * string; hence the double cast.
     */
    @Column(name = "items", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "items::text", write = "cast(cast(? as text) as jsonb)")
    public String itemsJson;

    /** The tenant's synonyms ({@code {"zapas": ["zapatillas"]}}) as JSON text, or null. */
    @Column(name = "synonyms", columnDefinition = "jsonb")
    @ColumnTransformer(read = "synonyms::text", write = "cast(cast(? as text) as jsonb)")
    public String synonymsJson;

    @Column(name = "published_by", length = 100)
    public String publishedBy;
}
