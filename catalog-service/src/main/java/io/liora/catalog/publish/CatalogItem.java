package io.liora.catalog.publish;

import java.math.BigDecimal;

/** One product as published, trimmed and with its currency resolved. */
public record CatalogItem(String sku, String nombre, String descripcion, BigDecimal precio, String moneda, String url,
        String imagenUrl, String categoria, Integer stock) {
}
