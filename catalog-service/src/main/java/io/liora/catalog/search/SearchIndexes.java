package io.liora.catalog.search;

import io.liora.catalog.publish.CatalogConfig;
import io.liora.catalog.snapshot.CatalogActive;
import io.liora.catalog.snapshot.CatalogDtos;
import io.liora.catalog.snapshot.CatalogNotFound;
import io.liora.catalog.snapshot.CatalogSnapshot;
import io.liora.catalog.snapshot.SnapshotService;
import io.liora.common.persistence.TenantTransactions;
import io.liora.index.CatalogIndex;
import io.liora.index.IndexedItem;
import io.liora.index.Synonyms;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Each tenant's active catalog in memory, as a search index with its items and categories: built the
 * first time the version is read (or while it is being published here, or right after it is activated
 * here), once however many readers wait for it, on a worker thread, and dropped when another version
 * becomes active. Which version is active is
 * read again when the last reading is older than {@code liora.catalog.active-recheck} (1 s): most
 * searches touch no database, and a publish or rollback on another replica is searched within that
 * second. At most {@value #TENANTS} tenants are kept, least recently searched first out.
 */
@ApplicationScoped
public class SearchIndexes {

    static final int TENANTS = 100;

    /**
     * The active version's index, its items by the index's positions, each item's position by sku,
     * and its categories in code-point order (the database's byte-wise order they were read in before).
     */
    public record Searchable(int version, CatalogIndex index, List<CatalogDtos.ItemView> items,
            Map<String, Integer> positionBySku, List<CatalogDtos.Category> categories) {

        /** The item with {@code sku}, or {@code null}. */
        public CatalogDtos.ItemView item(String sku) {
            Integer position = positionBySku.get(sku);
            return position == null ? null : items.get(position);
        }

        Searchable at(int version) {
            return new Searchable(version, index, items, positionBySku, categories);
        }
    }

    /** A version being (or once) loaded, and when it was last read to be the active one. */
    private record Loading(int version, Uni<Searchable> searchable, long checkedAt) {
    }

    private final TenantTransactions tx;
    private final long recheckNanos;
    private final Map<UUID, Loading> byTenant = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Loading> eldest) {
            return size() > TENANTS;
        }
    };

    public SearchIndexes(TenantTransactions tx, CatalogConfig config) {
        this.tx = tx;
        this.recheckNanos = config.activeRecheck().toNanos();
    }

    /** The tenant's active catalog, searchable; fails with catalog-not-found when it has none. */
    public Uni<Searchable> active(UUID clienteId) {
        Loading known;
        synchronized (byTenant) {
            known = byTenant.get(clienteId);
        }
        if (known != null && System.nanoTime() - known.checkedAt() < recheckNanos) {
            return watched(clienteId, known);
        }
        return current(clienteId);
    }

    /** Like {@link #active}, always reading which version is active (after a publish or a rollback). */
    public Uni<Searchable> current(UUID clienteId) {
        return tx.forTenant(clienteId, () -> CatalogActive.<CatalogActive>find("clienteId", clienteId).firstResult())
                .onItem().ifNull().failWith(CatalogNotFound::noCatalog)
                .chain(active -> of(clienteId, active.version, active.snapshotId));
    }

    /**
     * Starts building the in-memory form of a catalog about to be published, on a worker thread, while
     * the publish's transaction runs: {@link #adopt} it with the version the publish got.
     */
    public Uni<Searchable> prepare(List<Map<String, Object>> canonicalItems, Map<String, List<String>> synonyms) {
        Uni<Searchable> building = Uni.createFrom().item(() -> build(0, canonicalItems, synonyms))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).memoize().indefinitely();
        building.subscribe().with(built -> { }, failure -> { }); // now, not when the publish has committed
        return building;
    }

    /**
     * The prepared form of {@code version} becomes the tenant's, if that version is the active one when
     * read again now (a rollback or another publish may have committed since).
     */
    public Uni<Searchable> adopt(UUID clienteId, int version, Uni<Searchable> prepared) {
        synchronized (byTenant) {
            Loading known = byTenant.get(clienteId);
            if (known == null || known.version() != version) {
                Uni<Searchable> searchable = prepared.map(built -> built.at(version)).memoize().indefinitely();
                byTenant.put(clienteId, new Loading(version, searchable, System.nanoTime() - recheckNanos));
            }
        }
        return current(clienteId);
    }

    private Uni<Searchable> of(UUID clienteId, int version, UUID snapshotId) {
        Loading loading;
        synchronized (byTenant) {
            Loading known = byTenant.get(clienteId);
            loading = known != null && known.version() == version
                    ? new Loading(version, known.searchable(), System.nanoTime())
                    : new Loading(version, load(clienteId, snapshotId).memoize().indefinitely(), System.nanoTime());
            byTenant.put(clienteId, loading);
        }
        return watched(clienteId, loading);
    }

    /** A failed load is forgotten: the next search tries again. */
    private Uni<Searchable> watched(UUID clienteId, Loading loading) {
        return loading.searchable().onFailure().invoke(() -> {
            synchronized (byTenant) {
                byTenant.values().removeIf(known -> known.searchable() == loading.searchable());
            }
        });
    }

    private Uni<Searchable> load(UUID clienteId, UUID snapshotId) {
        return tx.forTenant(clienteId, () -> CatalogSnapshot.<CatalogSnapshot>findById(snapshotId))
                .onItem().ifNull().failWith(CatalogNotFound::noCatalog)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(snapshot -> build(snapshot.version, SnapshotService.items(snapshot),
                        SnapshotService.synonyms(snapshot)));
    }

    private static Searchable build(int version, List<Map<String, Object>> items, Map<String, List<String>> synonyms) {
        List<IndexedItem> indexed = new ArrayList<>(items.size());
        List<CatalogDtos.ItemView> views = new ArrayList<>(items.size());
        Map<String, Integer> positionBySku = new HashMap<>();
        Map<String, Long> countByCategory = new TreeMap<>();
        for (Map<String, Object> item : items) {
            positionBySku.put((String) item.get("sku"), views.size());
            if (item.get("categoria") instanceof String categoria) {
                countByCategory.merge(categoria, 1L, Long::sum);
            }
            indexed.add(new IndexedItem((String) item.get("sku"), (String) item.get("nombre"),
                    (String) item.get("categoria"), (String) item.get("descripcion")));
            views.add(new CatalogDtos.ItemView((String) item.get("sku"), (String) item.get("nombre"),
                    (String) item.get("descripcion"), new BigDecimal(String.valueOf(item.get("precio"))),
                    (String) item.get("moneda"), (String) item.get("url"), (String) item.get("imagen_url"),
                    (String) item.get("categoria"), item.get("stock") instanceof Number n ? n.intValue() : null));
        }
        CatalogIndex index = CatalogIndex.build(indexed, Synonyms.of(synonyms));
        List<CatalogDtos.Category> categories = countByCategory.entrySet().stream()
                .map(category -> new CatalogDtos.Category(category.getKey(), category.getValue())).toList();
        return new Searchable(version, index, List.copyOf(views), Map.copyOf(positionBySku), categories);
    }
}
