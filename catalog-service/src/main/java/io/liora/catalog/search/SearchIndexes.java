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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each tenant's active catalog as a search index, in memory: built the first time the version is
 * searched (or right after it is published or activated here), once however many searches wait for
 * it, on a worker thread, and dropped when another version becomes active. Which version is active is
 * read again when the last reading is older than {@code liora.catalog.active-recheck} (1 s): most
 * searches touch no database, and a publish or rollback on another replica is searched within that
 * second. At most {@value #TENANTS} tenants are kept, least recently searched first out.
 */
@ApplicationScoped
public class SearchIndexes {

    static final int TENANTS = 100;

    /** The active version's index and its items, by the index's positions. */
    public record Searchable(int version, CatalogIndex index, List<CatalogDtos.ItemView> items) {
    }

    /** A version being (or once) loaded, and when it was last read to be the active one. */
    private record Loading(UUID snapshotId, Uni<Searchable> searchable, long checkedAt) {
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
                .chain(active -> of(clienteId, active.snapshotId));
    }

    private Uni<Searchable> of(UUID clienteId, UUID snapshotId) {
        Loading loading;
        synchronized (byTenant) {
            Loading known = byTenant.get(clienteId);
            loading = known != null && known.snapshotId().equals(snapshotId)
                    ? new Loading(snapshotId, known.searchable(), System.nanoTime())
                    : new Loading(snapshotId, load(clienteId, snapshotId).memoize().indefinitely(), System.nanoTime());
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
                .map(SearchIndexes::build);
    }

    private static Searchable build(CatalogSnapshot snapshot) {
        List<Map<String, Object>> items = SnapshotService.items(snapshot);
        List<IndexedItem> indexed = new ArrayList<>(items.size());
        List<CatalogDtos.ItemView> views = new ArrayList<>(items.size());
        for (Map<String, Object> item : items) {
            indexed.add(new IndexedItem((String) item.get("sku"), (String) item.get("nombre"),
                    (String) item.get("categoria"), (String) item.get("descripcion")));
            views.add(new CatalogDtos.ItemView((String) item.get("sku"), (String) item.get("nombre"),
                    (String) item.get("descripcion"), new BigDecimal(String.valueOf(item.get("precio"))),
                    (String) item.get("moneda"), (String) item.get("url"), (String) item.get("imagen_url"),
                    (String) item.get("categoria"), item.get("stock") instanceof Number n ? n.intValue() : null));
        }
        CatalogIndex index = CatalogIndex.build(indexed, Synonyms.of(SnapshotService.synonyms(snapshot)));
        return new Searchable(snapshot.version, index, List.copyOf(views));
    }
}
