package io.liora.catalog.audit;

import io.liora.catalog.publish.CatalogConfig;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.retention.RetentionSweep;
import io.liora.common.work.Rounds;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The ingest log past each tenant's retention window is removed (it holds staff's source
 * addresses); a publish or rollback only once the audit trail has it. Snapshots are the catalog
 * itself and stay. Metric: {@code liora_retention_removed_total{table,action}}.
 */
@ApplicationScoped
public class IngestLogRetention {

    static final List<RetentionSweep.Step> STEPS = List.of(new RetentionSweep.Step("ingest_log", "deleted", """
            delete from ingest_log where id in (
                select id from ingest_log where cliente_id = :cliente and created_at < :cutoff
                  and (audited_at is not null or outcome not in ('accepted', 'activated'))
                limit :batch for update skip locked)"""));

    private final TenantRecordsApi tenantRecords;
    private final RetentionSweep sweep;
    private final Rounds rounds;
    private final Duration every;
    private final boolean enabled;

    public IngestLogRetention(@RestClient TenantRecordsApi tenantRecords, TenantTransactions tx, MeterRegistry metrics,
            Vertx vertx, @ConfigProperty(name = "liora.privacy.retention-every", defaultValue = "1h") Duration every,
            @ConfigProperty(name = "liora.privacy.retention-batch", defaultValue = "500") int batch,
            CatalogConfig config) {
        this.tenantRecords = tenantRecords;
        this.every = every;
        this.enabled = config.workersEnabled();
        this.sweep = new RetentionSweep(tx, STEPS, batch, (step, rows) -> metrics
                .counter("liora.retention.removed", "table", step.table(), "action", step.action()).increment(rows));
        this.rounds = new Rounds(vertx, "retention", this::run, Integer.MAX_VALUE);
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            rounds.every(every);
        }
    }

    public Uni<Integer> run() {
        return tenantRecords.retentionWindows().chain(windows -> sweep.sweep(windows, Instant.now()));
    }
}
