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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Each tenant's active catalog, kept in memory and revalidated with catalog-service by its ETag (the
 * version) when the copy was last checked more than {@code liora.catalog.revalidate-after} ago (2 s):
 * an unchanged catalog then costs one 304 and no download, however many messages use it meanwhile
 * (it was one call per use, twice for a product question: the router's and the skill's), and however
 * many of them ask at once (one revalidation in flight per tenant). A publish reaches the bot within
 * that time. Categories, a category's products, a product and free-text search ({@link CatalogIndex},
 * the same index catalog-service's search uses, built once per version) are answered from it. At
 * most {@value #TENANTS} tenants are kept, least recently used first out.
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

    /** A tenant's copy and when catalog-service last confirmed it ({@link System#nanoTime()}). */
    private record Checked(Catalog catalog, long at) {
    }

    private final CatalogApi catalog;
    private final long revalidateNanos;
    private final Map<UUID, Checked> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Checked> eldest) {
            return size() > TENANTS;
        }
    });
    private final Map<UUID, Uni<Catalog>> revalidating = new ConcurrentHashMap<>();

    public ActiveCatalogs(@RestClient CatalogApi catalog,
            @ConfigProperty(name = "liora.catalog.revalidate-after", defaultValue = "PT2S") Duration revalidateAfter) {
        this.catalog = catalog;
        this.revalidateNanos = revalidateAfter.toNanos();
    }

    /** The tenant's active catalog; fails with catalog-service's 404 when it has none. */
    public Uni<Catalog> of(UUID clienteId) {
        Checked checked = cache.get(clienteId);
        if (checked != null && System.nanoTime() - checked.at() < revalidateNanos) {
            return Uni.createFrom().item(checked.catalog());
        }
        // one revalidation per tenant at a time; who asks meanwhile waits for its answer
        return revalidating.computeIfAbsent(clienteId, id -> revalidate(id, checked == null ? null : checked.catalog())
                .onTermination().invoke(() -> revalidating.remove(id))
                .memoize().indefinitely());
    }

    private Uni<Catalog> revalidate(UUID clienteId, Catalog cached) {
        long asked = System.nanoTime();
        return catalog.active(clienteId, clienteId.toString(), cached == null ? null : cached.etag())
                .chain(response -> {
                    if (response.getStatus() == 304 && cached != null) {
                        cache.put(clienteId, new Checked(cached, asked));
                        return Uni.createFrom().item(cached);
                    }
                    if (response.getStatus() != 200) {
                        return Uni.createFrom().failure(new WebApplicationException(response));
                    }
                    // a new version: parsed and indexed off the event loop (a large catalog takes a moment)
                    return Uni.createFrom().item(() -> {
                        Catalog fresh = parse(response);
                        cache.put(clienteId, new Checked(fresh, asked));
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
