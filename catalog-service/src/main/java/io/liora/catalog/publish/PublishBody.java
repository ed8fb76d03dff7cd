package io.liora.catalog.publish;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of a publish body, for the OpenAPI document and generated clients. The service itself
 * reads the raw bytes (they are what the signature covers) and checks them against
 * {@code GET /catalog/schema}.
 */
public record PublishBody(List<Item> items,
        @Schema(description = "A customer's word and what it may also mean in this catalog",
                example = "{\"zapas\": [\"zapatillas\"]}") Map<String, List<String>> synonyms) {

    /** One product. */
    public record Item(
            @Schema(example = "ZAP-001", required = true) String sku,
            @Schema(example = "Zapatillas trail", required = true) String nombre,
            @Schema(example = "Livianas, suela de alto agarre") String descripcion,
            @Schema(example = "12990", required = true) BigDecimal precio,
            @Schema(example = "CLP") String moneda,
            @Schema(example = "https://tienda-sana.cl/p/zap-001", required = true) String url,
            @Schema(example = "https://tienda-sana.cl/img/zap-001.jpg") String imagenUrl,
            @Schema(example = "Calzado") String categoria,
            @Schema(example = "12") Integer stock) {
    }
}
