package io.liora.catalog.publish;

import java.math.BigDecimal;
import java.util.List;

/**
 * The shape of a publish body, for the OpenAPI document and generated clients. The service itself
 * reads the raw bytes (they are what the signature covers) and checks them against
 * {@code GET /catalog/schema}.
 */
public record PublishBody(List<Item> items) {

    /** One product. */
    public record Item(String sku, String nombre, String descripcion, BigDecimal precio, String moneda, String url,
            String imagenUrl, String categoria, Integer stock) {
    }
}
