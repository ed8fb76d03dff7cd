package io.liora.conversation.privacy;

import io.liora.common.audit.AuditRecord;
import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.work.Rounds;
import io.liora.conversation.clients.IntegrationsApi;
import io.liora.conversation.clients.TenantRecordsApi;
import io.liora.conversation.processing.InboxConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Finishes erasures in the other services: tells the audit trail it was asked for, has
 * integrations-service erase what it holds (then forgets the identifiers it needed), marks it
 * done, and tells the audit trail. Each step is recorded when it succeeds; a step that fails
 * (a service down) is tried again later, every 2^attempts seconds up to a minute, for as long
 * as it takes. Due erasures are leased, so two replicas never work on the same one.
 */
@ApplicationScoped
public class ErasureWorker {

    private static final Logger LOG = Logger.getLogger(ErasureWorker.class);
    private static final int BATCH = 20;
    private static final String LEASE_DUE = """
            update erasures set next_attempt_at = now() + interval '60 seconds'
            where id in (select id from erasures where completed_audited_at is null and next_attempt_at <= now()
                         order by next_attempt_at limit :batch for update skip locked)
            returning id, cliente_id""";

    private final TenantTransactions tx;
    private final IntegrationsApi integrations;
    private final TenantRecordsApi tenantRecords;
    private final PrivacyConfig config;
    private final InboxConfig inbox;
    private final MeterRegistry metrics;
    private final Rounds rounds;

    public ErasureWorker(TenantTransactions tx, @RestClient IntegrationsApi integrations,
            @RestClient TenantRecordsApi tenantRecords, PrivacyConfig config, InboxConfig inbox, MeterRegistry metrics,
            Vertx vertx) {
        this.tx = tx;
        this.integrations = integrations;
        this.tenantRecords = tenantRecords;
        this.config = config;
        this.inbox = inbox;
        this.metrics = metrics;
        this.rounds = new Rounds(vertx, "erasures", this::round, BATCH);
    }

    void start(@Observes StartupEvent event) {
        if (inbox.workerEnabled()) {
            rounds.every(config.erasureEvery());
        }
    }

    /**
     * An erasure was just started: its remaining steps at once rather than at the next tick, on a
     * replica that runs the workers (elsewhere the workers' next tick takes it).
     */
    public void wake() {
        if (inbox.workerEnabled()) {
            rounds.wake();
        }
    }

    /** One round; answers how many erasures it worked on. */
    public Uni<Integer> round() {
        Executor eventLoop = EventLoop.current();
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(LEASE_DUE, Object[].class).setParameter("batch", BATCH).getResultList()))
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(row -> advance((UUID) row[1], (UUID) row[0])
                                .emitOn(eventLoop))
                        .collect().asList().map(List::size));
    }

    /** Takes an erasure as far as the services let it now. */
    Uni<Void> advance(UUID clienteId, UUID erasureId) {
        Executor eventLoop = EventLoop.current();
        return load(clienteId, erasureId).chain(erasure -> {
            if (erasure == null || erasure.completedAuditedAt != null) {
                return Uni.createFrom().voidItem();
            }
            return step(erasure, erasure.requestedAuditedAt == null,
                    () -> audit(erasure, "contact.erasure_requested", Map.of()),
                    (e, result) -> e.requestedAuditedAt = Instant.now(), eventLoop)
                    .chain(e -> step(e, e.integrationsDoneAt == null,
                            () -> integrations.eraseContact(e.clienteId.toString(), e.contactId,
                                    ContactErasures.identifiers(e)),
                            (saved, result) -> {
                                saved.integrationsDoneAt = Instant.now();
                                saved.identifiers = null; // nothing of the person is needed any more
                                saved.status = Erasure.DONE;
                                saved.completedAt = saved.integrationsDoneAt;
                            }, eventLoop))
                    .chain(e -> step(e, e.completedAuditedAt == null,
                            () -> audit(e, "contact.erased", Map.of()),
                            (saved, result) -> {
                                saved.completedAuditedAt = Instant.now();
                                metrics.counter("liora.privacy.erasures", "result", "completed").increment();
                            }, eventLoop))
                    .replaceWithVoid();
        }).onFailure().invoke(e -> LOG.warnf("Erasure %s will be tried again: %s", erasureId, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private interface Apply<T> {
        void to(Erasure erasure, T result);
    }

    /**
     * Runs one remote step when it is still to do, and records its success (or, on failure, the
     * error and when to try again) in the erasure; answers the erasure as stored.
     */
    private <T> Uni<Erasure> step(Erasure erasure, boolean toDo, java.util.function.Supplier<Uni<T>> call,
            Apply<T> success, Executor eventLoop) {
        if (!toDo) {
            return Uni.createFrom().item(erasure);
        }
        return call.get().emitOn(eventLoop)
                .chain(result -> update(erasure, saved -> success.to(saved, result)))
                .onFailure().call(failure -> update(erasure, saved -> {
                    saved.attempts++;
                    saved.lastError = cut(failure.toString(), 300);
                    saved.nextAttemptAt = Instant.now().plus(backoff(saved.attempts));
                }).emitOn(eventLoop).onFailure().recoverWithNull());
    }

    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(60, 1L << Math.min(attempts, 6)));
    }

    private Uni<Void> audit(Erasure erasure, String action, Map<String, Object> detail) {
        return tenantRecords.audit(new AuditRecord(erasure.clienteId, action, erasure.requestedBy,
                erasure.requestedRole, "contact", erasure.contactId.toString(), erasure.requestId, detail,
                Instant.now(), erasure.id + ":" + action));
    }

    private Uni<Erasure> load(UUID clienteId, UUID erasureId) {
        return tx.forTenant(clienteId, () -> Erasure.<Erasure>findById(erasureId));
    }

    private Uni<Erasure> update(Erasure erasure, java.util.function.Consumer<Erasure> change) {
        return tx.forTenant(erasure.clienteId, () -> Erasure.<Erasure>findById(erasure.id).invoke(change));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
