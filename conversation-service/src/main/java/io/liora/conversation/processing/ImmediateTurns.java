package io.liora.conversation.processing;

import io.liora.common.persistence.TenantSql;
import io.liora.common.work.InFlight;
import io.liora.common.work.IsolatedContexts;
import io.liora.conversation.tenant.TenantServiceApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers the messages the webhook's transaction claimed as it stored them (V13): a customer's
 * message that was their only pending one is loaded by that same transaction ({@link #load}: the
 * message, its contact and state, and one reply reserved under the tenant's cap, after narrowing the
 * transaction to the tenant) and answered by this replica as soon as it commits, without a round of
 * the inbox (no notification, no claim, no load of its own). At most {@link InboxConfig#concurrency()}
 * such turns are under way per replica: a storing transaction reserves its places first
 * ({@link #reserve}) and claims no more than it got. Only on replicas that run the workers; a
 * message this replica never answers (it died) is claimed again by a round once its lease runs
 * out, as a round's own claim would be.
 */
@ApplicationScoped
public class ImmediateTurns {

    /** A message stored already claimed: its id, its tenant and the owner of the number it was sent to. */
    public record Claimed(UUID id, UUID clienteId, Optional<TenantServiceApi.NumberOwner> owner) {
    }

    /** What a storing transaction loaded for the turns it claimed, to answer once it commits. */
    public record Loaded(List<Turn> turns) {

        public static Loaded none() {
            return new Loaded(List.of());
        }
    }

    /** One claimed message's turn as loaded ({@code work} null: nothing to answer), and its tenant. */
    public record Turn(TurnDecider.Tenant tenant, TurnDecider.Work work) {
    }

    private final InboxConfig config;
    private final InboxProcessor processor;
    private final InboxWorker worker;
    private final TurnLoads loads;
    private final Vertx vertx;
    private final Counter answered;
    private final InFlight places;

    public ImmediateTurns(InboxConfig config, InboxProcessor processor, InboxWorker worker, TurnLoads loads,
            Vertx vertx, MeterRegistry metrics) {
        this.config = config;
        this.processor = processor;
        this.worker = worker;
        this.loads = loads;
        this.vertx = vertx;
        this.places = new InFlight(config.concurrency());
        this.answered = Counter.builder("liora.inbox.immediate.turns")
                .description("Messages claimed as they were stored and answered without a round of the inbox")
                .register(metrics);
    }

    /** How long a claim at storing lasts: a round's lease. */
    public double leaseSeconds() {
        return config.claimLease().toSeconds();
    }

    /** Reserves places for up to {@code wanted} turns; answers how many it got (none where no workers run). */
    public int reserve(int wanted) {
        return config.workerEnabled() ? places.reserve(wanted) : 0;
    }

    /** Gives back places a storing transaction reserved and did not claim. */
    public void release(int unused) {
        places.release(unused);
    }

    /**
     * Loads the claimed messages' turns on the storing transaction, tenant by tenant: narrowed to
     * each tenant in turn ({@link TenantSql#narrowToTenant}), all sent at once. The transaction must
     * send nothing across tenants after this.
     */
    public Future<Loaded> load(SqlConnection connection, List<Claimed> claimed) {
        if (claimed.isEmpty()) {
            return Future.succeededFuture(Loaded.none());
        }
        Map<UUID, List<Claimed>> byTenant = new LinkedHashMap<>();
        claimed.forEach(message -> byTenant.computeIfAbsent(message.clienteId(), tenant -> new ArrayList<>()).add(message));
        List<Future<List<Turn>>> loaded = new ArrayList<>();
        byTenant.forEach((clienteId, messages) -> {
            TurnDecider.Tenant tenant = TurnDecider.Tenant.of(messages.get(0).owner());
            // sent now, answered in order: the load goes out without waiting for the narrowing's answer
            Future<?> narrowed = TenantSql.narrowToTenant(connection, clienteId);
            Future<List<TurnDecider.Work>> works = loads.loadOn(connection, clienteId,
                    messages.stream().map(Claimed::id).toList(), tenant.policy().repliesPerMinute());
            loaded.add(Future.all(narrowed, works).map(done -> works.result().stream()
                    .map(work -> new Turn(tenant, work)).toList()));
        });
        return Future.all(loaded).map(done -> new Loaded(loaded.stream()
                .flatMap(tenantTurns -> tenantTurns.result().stream()).toList()));
    }

    /**
     * Answers what the committed transaction loaded, each on a context of its own, and frees each
     * place when its turn is over; {@code leftForRounds}: the transaction also stored messages it did
     * not claim (their contact had another pending), so the rounds are woken once these turns are
     * done, for those to follow at once. Never fails: a turn that fails is retried as a round's is.
     */
    public void answer(Loaded loaded, boolean leftForRounds) {
        List<Uni<Void>> turns = new ArrayList<>();
        for (Turn turn : loaded.turns()) {
            if (turn.work() == null) { // no longer pending, or without a contact: nothing to answer
                places.release(1);
                continue;
            }
            turns.add(IsolatedContexts.run(vertx, () -> processor.answer(turn.tenant(), turn.work()))
                    .invoke(() -> answered.increment())
                    .eventually(() -> places.release(1)));
        }
        if (turns.isEmpty()) {
            if (leftForRounds) {
                worker.wake();
            }
            return;
        }
        Uni.join().all(turns).andCollectFailures().subscribe().with(done -> {
            if (leftForRounds) {
                worker.wake();
            }
        }, failure -> worker.wake());
    }
}
