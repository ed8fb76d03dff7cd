package io.liora.integrations.privacy;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.retention.RetentionSweep;
import io.liora.common.retention.RetentionSweep.Step;
import io.liora.common.work.Rounds;
import io.liora.integrations.whatsapp.WhatsAppConfig;
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
 * Each tenant's retention window here: a message sent longer ago loses its recipient and content
 * and keeps what the usage ledger needs (type, status, times, Meta's id and price). Queued
 * messages are never touched. Opt-outs are kept while they hold: they are what stops messages.
 * Metric: {@code liora_retention_removed_total{table,action}}.
 */
@ApplicationScoped
public class Retention {

    static final List<Step> STEPS = List.of(new Step("outbound_messages", "redacted", """
            update outbound_messages set recipient = 'redacted', payload = jsonb_build_object('type', message_type),
                   error_title = null, redacted_at = now(), updated_at = now()
            where id in (select id from outbound_messages
                         where cliente_id = :cliente and created_at < :cutoff and redacted_at is null
                           and status <> 'queued'
                         limit :batch for update skip locked)"""));

    private final RetentionWindowsApi windows;
    private final WhatsAppConfig whatsapp;
    private final Duration every;
    private final RetentionSweep sweep;
    private final Rounds rounds;

    public Retention(@RestClient RetentionWindowsApi windows, TenantTransactions tx, WhatsAppConfig whatsapp,
            MeterRegistry metrics, Vertx vertx,
            @ConfigProperty(name = "liora.privacy.retention-every", defaultValue = "1h") Duration every,
            @ConfigProperty(name = "liora.privacy.retention-batch", defaultValue = "500") int batch) {
        this.windows = windows;
        this.whatsapp = whatsapp;
        this.every = every;
        this.sweep = new RetentionSweep(tx, STEPS, batch, (step, rows) -> metrics
                .counter("liora.retention.removed", "table", step.table(), "action", step.action()).increment(rows));
        this.rounds = new Rounds(vertx, "retention", this::run, Integer.MAX_VALUE);
    }

    void start(@Observes StartupEvent event) {
        if (whatsapp.senderEnabled()) {
            rounds.every(every);
        }
    }

    public Uni<Integer> run() {
        return run(Instant.now());
    }

    public Uni<Integer> run(Instant now) {
        return windows.windows().chain(list -> sweep.sweep(list, now));
    }
}
