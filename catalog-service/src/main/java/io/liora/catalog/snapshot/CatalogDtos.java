package io.liora.catalog.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the catalog routes answer. */
public final class CatalogDtos {

    private CatalogDtos() {
    }

    /** The answer to a publish or an activation. */
    public record PublishResult(int version, String checksum, int itemCount, boolean active) {
    }

    public record SnapshotSummary(int version, String checksum, int itemCount, String publishedBy, Instant createdAt) {
    }

    public record SnapshotView(int version, String checksum, int itemCount, String publishedBy, Instant createdAt,
            boolean active, List<Map<String, Object>> items, Map<String, List<String>> synonyms) {
    }

    public record SnapshotPage(List<SnapshotSummary> items, int page, int size, long total) {
    }

    public record ItemView(String sku, String nombre, String descripcion, BigDecimal precio, String moneda, String url,
            String imagenUrl, String categoria, Integer stock) {
    }

    /** Search results from the active catalog, best first. */
    public record ItemList(int version, List<ItemView> items) {
    }

    public record Category(String categoria, long items) {
    }

    public record CategoryList(int version, List<Category> categories) {
    }
}
