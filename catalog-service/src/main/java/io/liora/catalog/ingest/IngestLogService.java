package io.liora.catalog.ingest;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.rest.Pages;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Writes and lists the log of publish attempts. */
@ApplicationScoped
public class IngestLogService {

    private final TenantTransactions tx;

    public IngestLogService(TenantTransactions tx) {
        this.tx = tx;
    }

    /** What one attempt looked like. */
    public record Attempt(UUID clienteId, int sizeBytes, String actor, String sourceAddress) {
    }

    /** Records a refused attempt in a transaction of its own, so the refusal itself is kept. */
    public Uni<Void> refused(Attempt attempt, IngestOutcome outcome, String reason, Integer itemCount) {
        return tx.forTenant(attempt.clienteId(), () -> entry(attempt, outcome, reason, itemCount, null).persist())
                .replaceWithVoid();
    }

    /** The row for an attempt, to persist inside the caller's transaction. */
    public static IngestLog entry(Attempt attempt, IngestOutcome outcome, String reason, Integer itemCount,
            Integer version) {
        IngestLog log = new IngestLog();
        log.clienteId = attempt.clienteId();
        log.outcome = outcome.name();
        log.reason = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
        log.sizeBytes = attempt.sizeBytes();
        log.itemCount = itemCount;
        log.snapshotVersion = version;
        log.actor = attempt.actor();
        log.sourceAddress = attempt.sourceAddress();
        return log;
    }

    public Uni<Page<IngestLog>> list(UUID clienteId, IngestOutcome outcome, PageRequest request) {
        return tx.forTenant(clienteId, () -> {
            Sort newestFirst = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
            var query = outcome == null ? IngestLog.<IngestLog>find("clienteId", newestFirst, clienteId)
                    : IngestLog.<IngestLog>find("clienteId = ?1 and outcome = ?2", newestFirst, clienteId, outcome.name());
            return Pages.of(query, request);
        });
    }
}
