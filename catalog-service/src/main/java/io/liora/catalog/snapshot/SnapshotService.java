package io.liora.catalog.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.catalog.ingest.IngestLogService;
import io.liora.catalog.ingest.IngestOutcome;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.rest.Pages;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Snapshots and the active catalog. A publish or an activation holds the tenant's advisory lock
 * for its transaction, so concurrent publishes of one tenant get consecutive versions and the
 * active catalog is the one committed last.
 */
@ApplicationScoped
public class SnapshotService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> ITEMS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, List<String>>> SYNONYMS = new TypeReference<>() {
    };
    private final TenantTransactions tx;

    public SnapshotService(TenantTransactions tx) {
        this.tx = tx;
    }

    /**
     * Makes {@code content} the tenant's active catalog: a new snapshot, or nothing when the active
     * one has the same checksum. Logs the attempt in the same transaction.
     */
    public Uni<CatalogDtos.PublishResult> publish(IngestLogService.Attempt attempt, SnapshotContent content) {
        UUID clienteId = attempt.clienteId();
        String checksum = content.checksum();
        return tx.forTenant(clienteId, () -> lock(clienteId)
                .chain(() -> activeVersion(clienteId, checksum))
                .chain(same -> {
                    if (same != null) {
                        return IngestLogService.entry(attempt, IngestOutcome.duplicate, "same content as version "
                                + same.version(), same.itemCount(), same.version()).persist()
                                .replaceWith(new CatalogDtos.PublishResult(same.version(), checksum, same.itemCount(),
                                        false));
                    }
                    return nextVersion(clienteId).chain(version -> {
                        CatalogSnapshot snapshot = new CatalogSnapshot();
                        snapshot.clienteId = clienteId;
                        snapshot.version = version;
                        snapshot.checksum = checksum;
                        snapshot.itemCount = content.itemCount();
                        snapshot.itemsJson = content.itemsJson();
                        snapshot.synonymsJson = content.synonymsJson();
                        snapshot.publishedBy = attempt.actor();
                        return snapshot.persistAndFlush()
                                .chain(() -> activate(clienteId, snapshot, attempt.actor()))
                                .chain(() -> IngestLogService.entry(attempt, IngestOutcome.accepted, null,
                                        snapshot.itemCount, version).persist())
                                .replaceWith(new CatalogDtos.PublishResult(version, checksum, snapshot.itemCount, true));
                    });
                }));
    }

    /** Makes an earlier (or any) snapshot the active one again; logged as {@code activated}. */
    public Uni<CatalogDtos.PublishResult> activate(IngestLogService.Attempt attempt, int version) {
        UUID clienteId = attempt.clienteId();
        return tx.forTenant(clienteId, () -> lock(clienteId)
                .chain(() -> snapshot(clienteId, version))
                .call(snapshot -> activate(clienteId, snapshot, attempt.actor()))
                .call(snapshot -> IngestLogService.entry(attempt, IngestOutcome.activated, "rollback to version "
                        + version, snapshot.itemCount, version).persist())
                .map(snapshot -> new CatalogDtos.PublishResult(snapshot.version, snapshot.checksum, snapshot.itemCount,
                        true)));
    }

    /** The active version, or {@code null}: enough to answer a conditional GET. */
    public Uni<Integer> activeVersion(UUID clienteId) {
        return tx.forTenant(clienteId, () -> CatalogActive.<CatalogActive>find("clienteId", clienteId).firstResult())
                .map(active -> active == null ? null : active.version);
    }

    public Uni<CatalogDtos.SnapshotView> active(UUID clienteId) {
        return tx.forTenant(clienteId, () -> activeSnapshot(clienteId))
                .onItem().ifNull().failWith(CatalogNotFound::noCatalog)
                .map(snapshot -> view(snapshot, true));
    }

    public Uni<CatalogDtos.SnapshotView> byVersion(UUID clienteId, int version) {
        return tx.forTenant(clienteId, () -> snapshot(clienteId, version).chain(snapshot ->
                CatalogActive.<CatalogActive>find("clienteId", clienteId).firstResult()
                        .map(active -> view(snapshot, active != null && active.snapshotId.equals(snapshot.id)))));
    }

    public Uni<Page<CatalogDtos.SnapshotSummary>> list(UUID clienteId, PageRequest request) {
        return tx.forTenant(clienteId, () -> Pages.of(CatalogSnapshot.<CatalogSnapshot>find("clienteId",
                Sort.descending("version"), clienteId).project(CatalogDtos.SnapshotSummary.class), request));
    }

    /** Inside a tenant transaction: the active snapshot, or {@code null}. */
    static Uni<CatalogSnapshot> activeSnapshot(UUID clienteId) {
        return CatalogActive.<CatalogActive>find("clienteId", clienteId).firstResult()
                .chain(active -> active == null ? Uni.createFrom().nullItem()
                        : CatalogSnapshot.<CatalogSnapshot>findById(active.snapshotId));
    }

    private record SameVersion(int version, int itemCount) {
    }

    /** The active version when its checksum is {@code checksum}, else {@code null} (its items are not read). */
    private static Uni<SameVersion> activeVersion(UUID clienteId, String checksum) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select s.version, s.itemCount from CatalogSnapshot s, CatalogActive a"
                        + " where a.clienteId = :c and s.id = a.snapshotId and s.checksum = :checksum", SameVersion.class)
                .setParameter("c", clienteId).setParameter("checksum", checksum).getSingleResultOrNull());
    }

    private static Uni<CatalogSnapshot> snapshot(UUID clienteId, int version) {
        return CatalogSnapshot.<CatalogSnapshot>find("clienteId = ?1 and version = ?2", clienteId, version)
                .firstResult().onItem().ifNull().failWith(() -> CatalogNotFound.noSnapshot(version));
    }

    private static Uni<Integer> nextVersion(UUID clienteId) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select coalesce(max(s.version), 0) + 1 from CatalogSnapshot s where s.clienteId = :c",
                        Integer.class)
                .setParameter("c", clienteId).getSingleResult());
    }

    private static Uni<Void> activate(UUID clienteId, CatalogSnapshot snapshot, String actor) {
        return CatalogActive.<CatalogActive>find("clienteId", clienteId).firstResult().chain(existing -> {
            CatalogActive active = existing == null ? new CatalogActive() : existing;
            active.clienteId = clienteId;
            active.snapshotId = snapshot.id;
            active.version = snapshot.version;
            active.activatedBy = actor;
            return active.persist().replaceWithVoid();
        });
    }

    /** The tenant's publish lock, released when the transaction ends. */
    private static Uni<Void> lock(UUID clienteId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:k, 7))) l",
                        Long.class)
                .setParameter("k", "catalog:" + clienteId).getSingleResult()).replaceWithVoid();
    }

    private static CatalogDtos.SnapshotView view(CatalogSnapshot snapshot, boolean active) {
        return new CatalogDtos.SnapshotView(snapshot.version, snapshot.checksum, snapshot.itemCount,
                snapshot.publishedBy, snapshot.createdAt, active, items(snapshot), synonyms(snapshot));
    }

    /** A snapshot's canonical items. */
    public static List<Map<String, Object>> items(CatalogSnapshot snapshot) {
        try {
            return JSON.readValue(snapshot.itemsJson, ITEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Snapshot " + snapshot.version + " holds invalid JSON", e);
        }
    }

    /** A snapshot's synonyms, empty when it was published without. */
    public static Map<String, List<String>> synonyms(CatalogSnapshot snapshot) {
        if (snapshot.synonymsJson == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(snapshot.synonymsJson, SYNONYMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Snapshot " + snapshot.version + " holds invalid JSON", e);
        }
    }
}
