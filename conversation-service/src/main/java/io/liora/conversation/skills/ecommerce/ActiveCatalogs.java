package io.liora.conversation.skills.ecommerce;

import io.liora.common.text.TextNormalizer;
import io.liora.conversation.clients.CatalogApi;
import io.liora.index.CatalogIndex;
import io.liora.index.IndexedItem;
import io.liora.index.Synonyms;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Each tenant's active catalog, kept in memory and revalidated with catalog-service on every use
 * by its ETag (the version): an unchanged catalog costs a 304 and no download. Categories, a
 * category's products, a product and free-text search ({@link CatalogIndex}, the same index
 * catalog-service's search uses, built once per version) are answered from it. At most
 * {@value #TENANTS} tenants are kept, least recently used first out.
 */
@ApplicationScoped
public class ActiveCatalogs {

    static final int TENANTS = 200;

    /** A catalog as the skill reads it. */
    public record Catalog(String etag, List<CatalogApi.Item> items, Map<String, CatalogApi.Item> bySku,
            Map<String, List<CatalogApi.Item>> byCategory, CatalogIndex index) {

        /**
         * The best {@code limit} items for a customer's words, best first (none when nothing matches),
         * and whether the first clearly stands out: the only one, or scoring twice the next.
         */
        public Found search(String words, int limit) {
            List<CatalogIndex.Hit> hits = index.search(words, null, limit);
            boolean clear = hits.size() == 1 || hits.size() > 1 && hits.get(0).score() >= 2 * hits.get(1).score();
            return new Found(hits.stream().map(hit -> items.get(hit.position())).toList(), clear);
        }

        public List<CatalogApi.Category> categories() {
            List<CatalogApi.Category> categories = new ArrayList<>();
            byCategory.forEach((name, items) -> categories.add(new CatalogApi.Category(items.get(0).categoria(),
                    items.size())));
            return categories;
        }

        public List<CatalogApi.Item> inCategory(String categoria) {
            return byCategory.getOrDefault(TextNormalizer.normalize(categoria), List.of());
        }
    }

    /** What a search found. */
    public record Found(List<CatalogApi.Item> items, boolean clear) {

        /** The one item the words name, or null when none clearly stands out. */
        public CatalogApi.Item clearly() {
            return clear ? items.get(0) : null;
        }
    }

    private final CatalogApi catalog;
    private final Map<UUID, Catalog> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Catalog> eldest) {
            return size() > TENANTS;
        }
    });

    public ActiveCatalogs(@RestClient CatalogApi catalog) {
        this.catalog = catalog;
    }

    /** The tenant's active catalog; fails with catalog-service's 404 when it has none. */
    public Uni<Catalog> of(UUID clienteId) {
        Catalog cached = cache.get(clienteId);
        return catalog.active(clienteId, clienteId.toString(), cached == null ? null : cached.etag())
                .chain(response -> {
                    if (response.getStatus() == 304 && cached != null) {
                        return Uni.createFrom().item(cached);
                    }
                    if (response.getStatus() != 200) {
                        return Uni.createFrom().failure(new WebApplicationException(response));
                    }
                    // a new version: parsed and indexed off the event loop (a large catalog takes a moment)
                    return Uni.createFrom().item(() -> {
                        Catalog fresh = parse(response);
                        cache.put(clienteId, fresh);
                        return fresh;
                    }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                });
    }

    @SuppressWarnings("unchecked")
    private static Catalog parse(Response response) {
        Map<String, Object> body = response.readEntity(Map.class);
        List<CatalogApi.Item> items = new ArrayList<>();
        List<IndexedItem> indexed = new ArrayList<>();
        Map<String, CatalogApi.Item> bySku = new LinkedHashMap<>();
        Map<String, List<CatalogApi.Item>> byCategory = new TreeMap<>();
        for (Map<String, Object> raw : (List<Map<String, Object>>) body.getOrDefault("items", List.of())) {
            CatalogApi.Item item = new CatalogApi.Item((String) raw.get("sku"), (String) raw.get("nombre"),
                    (String) raw.get("descripcion"), new BigDecimal(String.valueOf(raw.get("precio"))),
                    (String) raw.get("moneda"), (String) raw.get("url"), (String) raw.get("imagen_url"),
                    (String) raw.get("categoria"), raw.get("stock") instanceof Number n ? n.intValue() : null);
            items.add(item);
            indexed.add(new IndexedItem(item.sku(), item.nombre(), item.categoria(), item.descripcion()));
            bySku.put(item.sku(), item);
            if (item.categoria() != null) {
                byCategory.computeIfAbsent(TextNormalizer.normalize(item.categoria()), k -> new ArrayList<>()).add(item);
            }
        }
        byCategory.values().forEach(inCategory -> inCategory.sort(Comparator.comparing(CatalogApi.Item::nombre)));
        Object synonyms = body.get("synonyms");
        CatalogIndex index = CatalogIndex.build(indexed, synonyms instanceof Map<?, ?> words
                ? Synonyms.of((Map<String, List<String>>) words) : Synonyms.NONE);
        return new Catalog(response.getHeaderString("ETag"), List.copyOf(items), bySku, byCategory, index);
    }
}
