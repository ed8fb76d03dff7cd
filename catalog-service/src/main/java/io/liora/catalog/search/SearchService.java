package io.liora.catalog.search;

import io.liora.catalog.snapshot.CatalogDtos;
import io.liora.catalog.snapshot.CatalogNotFound;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The active catalog as customers see it, all from the version in memory ({@link SearchIndexes}):
 * free text searched in its index ({@link io.liora.index.CatalogIndex}: plurals, accents, typos and
 * the tenant's synonyms; the name over the category over the description), single items by sku, the
 * categories with their counts.
 */
@ApplicationScoped
public class SearchService {

    private final SearchIndexes indexes;

    public SearchService(SearchIndexes indexes) {
        this.indexes = indexes;
    }

    public Uni<CatalogDtos.ItemList> search(UUID clienteId, String q, String categoria, int limit) {
        return indexes.active(clienteId).map(active -> new CatalogDtos.ItemList(active.version(),
                active.index().search(q, categoria, limit).stream()
                        .map(hit -> active.items().get(hit.position())).toList()));
    }

    public Uni<CatalogDtos.CategoryList> categories(UUID clienteId) {
        return indexes.active(clienteId).map(active -> new CatalogDtos.CategoryList(active.version(),
                active.categories()));
    }

    public Uni<CatalogDtos.ItemView> item(UUID clienteId, String sku) {
        return indexes.active(clienteId).map(active -> active.item(sku))
                .onItem().ifNull().failWith(() -> CatalogNotFound.noItem(sku));
    }
}
