package io.liora.catalog.snapshot;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/** One item of one snapshot, as search reads it. */
@Entity
@Table(name = "catalog_items")
public class CatalogItemRow extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "snapshot_id", nullable = false)
    public UUID snapshotId;

    public String sku;
    public String nombre;
    public String descripcion;
    public BigDecimal precio;
    public String moneda;
    public String url;

    @Column(name = "imagen_url")
    public String imagenUrl;

    public String categoria;
    public Integer stock;
}
