package io.liora.catalog.audit;

import io.liora.catalog.publish.CatalogConfig;
import io.liora.common.audit.AuditRecord;
import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.work.Rounds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Sends every catalog publish and rollback to tenant-service's audit trail. The ingest log is the
 * outbox: its row is written with the publish, sent (again, until tenant-service answers: the
 * record's {@code source_key} is the row's id, so a resend is kept once) and then marked.
 */
@ApplicationScoped
public class PublishAudit {

    private static final Logger LOG = Logger.getLogger(PublishAudit.class);
    private static final int BATCH = 50;
    private static final String UNSENT = """
            select id, cliente_id, outcome, actor, snapshot_version, item_count, created_at from ingest_log
            where audited_at is null and outcome in ('accepted', 'activated')
            order by created_at limit :batch""";

    private final TenantTransactions tx;
    private final TenantRecordsApi tenantRecords;
    private final Duration every;
    private final boolean enabled;
    private final Rounds rounds;

    public PublishAudit(TenantTransactions tx, @RestClient TenantRecordsApi tenantRecords, Vertx vertx,
            CatalogConfig config) {
        this.tx = tx;
        this.tenantRecords = tenantRecords;
        this.every = config.auditEvery();
        this.enabled = config.workersEnabled();
        this.rounds = new Rounds(vertx, "publish-audit", this::round, BATCH);
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            rounds.every(every);
        }
    }

    /** Sends what is unsent; answers how many rows it found. */
    public Uni<Integer> round() {
        Executor eventLoop = EventLoop.current();
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(UNSENT, Object[].class).setParameter("batch", BATCH).getResultList()))
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> send(row).emitOn(eventLoop))
                        .collect().asList().map(sent -> rows.size()));
    }

    private Uni<Void> send(Object[] row) {
        UUID id = (UUID) row[0];
        UUID clienteId = (UUID) row[1];
        String actor = (String) row[3];
        boolean rollback = "activated".equals(row[2]);
        Map<String, Object> detail = new java.util.HashMap<>();
        if (row[4] != null) {
            detail.put("version", row[4]);
        }
        if (row[5] != null) {
            detail.put("items", row[5]);
        }
        AuditRecord record = new AuditRecord(clienteId, rollback ? "catalog.rolled_back" : "catalog.published",
                staffId(actor), staffId(actor) != null ? "staff" : "signed_publish", "catalog",
                row[4] == null ? null : "version " + row[4], null, detail, instant(row[6]), id.toString());
        return tenantRecords.audit(record)
                .chain(() -> tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> session
                        .createNativeQuery("update ingest_log set audited_at = now() where id = :id")
                        .setParameter("id", id).executeUpdate())))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Publish %s not yet in the audit trail: %s", id, e.toString()))
                .onFailure().recoverWithNull();
    }

    /** {@code usuario:<id>} names the staff user who acted; a signed publish names no person. */
    private static UUID staffId(String actor) {
        if (actor == null || !actor.startsWith("usuario:")) {
            return null;
        }
        try {
            return UUID.fromString(actor.substring("usuario:".length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(Object value) {
        return value instanceof Instant i ? i : value instanceof java.time.OffsetDateTime o ? o.toInstant()
                : Instant.now();
    }
}
