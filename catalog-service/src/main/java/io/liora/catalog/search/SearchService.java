package io.liora.catalog.search;

import io.liora.catalog.snapshot.CatalogActive;
import io.liora.catalog.snapshot.CatalogDtos;
import io.liora.catalog.snapshot.CatalogItemRow;
import io.liora.catalog.snapshot.CatalogNotFound;
import io.liora.common.persistence.TenantTransactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The active catalog as customers see it. Free text is searched in the version's in-memory index
 * ({@link io.liora.index.CatalogIndex}: plurals, accents, typos and the tenant's synonyms; the name
 * over the category over the description); categories and single items are read from the database.
 */
@ApplicationScoped
public class SearchService {

    private final TenantTransactions tx;
    private final SearchIndexes indexes;

    public SearchService(TenantTransactions tx, SearchIndexes indexes) {
        this.tx = tx;
        this.indexes = indexes;
    }

    public Uni<CatalogDtos.ItemList> search(UUID clienteId, String q, String categoria, int limit) {
        return indexes.active(clienteId).map(active -> new CatalogDtos.ItemList(active.version(),
                active.index().search(q, categoria, limit).stream()
                        .map(hit -> active.items().get(hit.position())).toList()));
    }

    public Uni<CatalogDtos.CategoryList> categories(UUID clienteId) {
        return inActive(clienteId, active -> Panache.getSession().<List<Object[]>>chain(session -> session.createSelectionQuery(
                "select i.categoria, count(i) from CatalogItemRow i where i.snapshotId = :snapshot and i.categoria is not null"
                        + " group by i.categoria order by i.categoria", Object[].class)
                .setParameter("snapshot", active.snapshotId).getResultList())
                .map(rows -> new CatalogDtos.CategoryList(active.version, rows.stream()
                        .map(row -> new CatalogDtos.Category((String) row[0], ((Number) row[1]).longValue())).toList())));
    }

    public Uni<CatalogDtos.ItemView> item(UUID clienteId, String sku) {
        return inActive(clienteId, active -> CatalogItemRow.<CatalogItemRow>find("snapshotId = ?1 and sku = ?2",
                active.snapshotId, sku).firstResult()
                .onItem().ifNull().failWith(() -> CatalogNotFound.noItem(sku))
                .map(CatalogDtos.ItemView::of));
    }

    private <T> Uni<T> inActive(UUID clienteId, Function<CatalogActive, Uni<T>> work) {
        return tx.forTenant(clienteId, () -> CatalogActive.<CatalogActive>find("clienteId", clienteId).firstResult()
                .onItem().ifNull().failWith(CatalogNotFound::noCatalog)
                .chain(active -> work.apply(active)));
    }
}
