package io.liora.catalog.search;

import io.liora.catalog.snapshot.CatalogActive;
import io.liora.catalog.snapshot.CatalogDtos;
import io.liora.catalog.snapshot.CatalogItemRow;
import io.liora.catalog.snapshot.CatalogNotFound;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.text.TextNormalizer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Search in the tenant's active catalog, ignoring case and accents ("cafe" finds "Café"). Every
 * word of the query must appear in the item's name, sku, category or description; results rank
 * an exact name first, then names starting with the query, then names containing it, then the
 * rest, and alphabetically within each rank.
 */
@ApplicationScoped
public class SearchService {

    private static final int MAX_WORDS = 8;

    private final TenantTransactions tx;

    public SearchService(TenantTransactions tx) {
        this.tx = tx;
    }

    public Uni<CatalogDtos.ItemList> search(UUID clienteId, String q, String categoria, int limit) {
        String query = TextNormalizer.normalize(q);
        String category = categoria == null || categoria.isBlank() ? null : TextNormalizer.normalize(categoria);
        List<String> words = query.isEmpty() ? List.of()
                : Arrays.stream(query.split(" ")).distinct().limit(MAX_WORDS).toList();
        StringBuilder hql = new StringBuilder("from CatalogItemRow i where i.snapshotId = :snapshot");
        if (category != null) {
            hql.append(" and i.categoriaNorm = :category");
        }
        for (int w = 0; w < words.size(); w++) {
            hql.append(" and i.searchText like :w").append(w).append(" escape '\\'");
        }
        hql.append(query.isEmpty() ? " order by i.nombreNorm, i.sku" : """
                 order by case when i.nombreNorm = :q then 0 when i.nombreNorm like :prefix escape '\\' then 1
                 when i.nombreNorm like :anywhere escape '\\' then 2 else 3 end, i.nombreNorm, i.sku""");
        return inActive(clienteId, active -> Panache.getSession().<List<CatalogItemRow>>chain(session -> {
            var select = session.createSelectionQuery(hql.toString(), CatalogItemRow.class)
                    .setParameter("snapshot", active.snapshotId);
            if (category != null) {
                select.setParameter("category", category);
            }
            for (int w = 0; w < words.size(); w++) {
                select.setParameter("w" + w, "%" + escapeLike(words.get(w)) + "%");
            }
            if (!query.isEmpty()) {
                select.setParameter("q", query).setParameter("prefix", escapeLike(query) + "%")
                        .setParameter("anywhere", "%" + escapeLike(query) + "%");
            }
            return select.setMaxResults(limit).getResultList();
        }).map(rows -> new CatalogDtos.ItemList(active.version, rows.stream().map(CatalogDtos.ItemView::of).toList())));
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

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
