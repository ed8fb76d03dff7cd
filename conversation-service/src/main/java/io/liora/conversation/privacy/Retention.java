package io.liora.conversation.privacy;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.retention.RetentionSweep;
import io.liora.common.retention.RetentionSweep.Step;
import io.liora.common.work.Rounds;
import io.liora.conversation.clients.TenantRecordsApi;
import io.liora.conversation.processing.InboxConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Each tenant's retention window here: log rows, handoff events and forwarded delivery statuses
 * older than it are deleted; inbound messages keep what deduplicates Meta's retries (number,
 * wamid, contact id, type, times) and lose their body, sender's phone and name and media
 * references. Messages no tenant owns follow the default window. Metric:
 * {@code liora_retention_removed_total{table,action}}.
 */
@ApplicationScoped
public class Retention {

    static final List<Step> STEPS = List.of(
            new Step("conversation_log", "deleted", """
                    delete from conversation_log where id in (
                        select id from conversation_log where cliente_id = :cliente and created_at < :cutoff
                        limit :batch for update skip locked)"""),
            new Step("inbound_messages", "redacted", "update inbound_messages set " + Retention.REDACTED + """
                    where id in (select id from inbound_messages
                                 where cliente_id = :cliente and created_at < :cutoff and redacted_at is null
                                   and status <> 'pending'
                                 limit :batch for update skip locked)"""),
            new Step("pending_statuses", "deleted", """
                    delete from pending_statuses where id in (
                        select id from pending_statuses s where cliente_id = :cliente and created_at < :cutoff
                          and not exists (select 1 from status_forwards f where f.status_id = s.id)
                        limit :batch for update skip locked)"""),
            new Step("handoff_events", "deleted", """
                    delete from handoff_events where id in (
                        select id from handoff_events where cliente_id = :cliente and created_at < :cutoff
                        limit :batch for update skip locked)"""));
    /** What an inbound message keeps past the window. */
    static final String REDACTED = """
            message = jsonb_build_object('type', message_type), original = null, msisdn = null,
            profile_name = null, anomalies = null, media_id = null, media_mime_type = null,
            redacted_at = now(), updated_at = now()
            """;
    private static final String UNROUTABLE = "update inbound_messages set " + REDACTED + """
            where id in (select id from inbound_messages
                         where cliente_id is null and created_at < :cutoff and redacted_at is null
                         limit :batch for update skip locked)""";
    private static final int DEFAULT_DAYS = 180;

    private final TenantRecordsApi tenantRecords;
    private final TenantTransactions tx;
    private final PrivacyConfig config;
    private final InboxConfig inbox;
    private final MeterRegistry metrics;
    private final RetentionSweep sweep;
    private final Rounds rounds;

    public Retention(@RestClient TenantRecordsApi tenantRecords, TenantTransactions tx, PrivacyConfig config,
            InboxConfig inbox, MeterRegistry metrics, Vertx vertx) {
        this.tenantRecords = tenantRecords;
        this.tx = tx;
        this.config = config;
        this.inbox = inbox;
        this.metrics = metrics;
        this.sweep = new RetentionSweep(tx, STEPS, config.retentionBatch(), (step, rows) -> removed(step.table(),
                step.action(), rows));
        this.rounds = new Rounds(vertx, "retention", this::run, Integer.MAX_VALUE);
    }

    void start(@Observes StartupEvent event) {
        if (inbox.workerEnabled()) {
            rounds.every(config.retentionEvery());
        }
    }

    /** One sweep of every tenant, as of now; answers how many rows it changed. */
    public Uni<Integer> run() {
        return run(Instant.now());
    }

    public Uni<Integer> run(Instant now) {
        return tenantRecords.retentionWindows()
                .chain(windows -> sweep.sweep(windows, now))
                .chain(tenants -> unroutable(now.minus(Duration.ofDays(DEFAULT_DAYS))).map(other -> tenants + other));
    }

    private Uni<Integer> unroutable(Instant cutoff) {
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session.createNativeQuery(UNROUTABLE)
                        .setParameter("cutoff", cutoff).setParameter("batch", config.retentionBatch()).executeUpdate()))
                .invoke(rows -> removed("inbound_messages", "redacted", rows));
    }

    private void removed(String table, String action, int rows) {
        if (rows > 0) {
            metrics.counter("liora.retention.removed", "table", table, "action", action).increment(rows);
        }
    }
}
