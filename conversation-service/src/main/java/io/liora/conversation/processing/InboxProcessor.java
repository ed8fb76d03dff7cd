package io.liora.conversation.processing;

import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantSql;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.work.IsolatedContexts;
import io.liora.conversation.contact.Contact;
import io.liora.conversation.handoff.HandoffEvent;
import io.liora.conversation.handoff.HandoffMetrics;
import io.liora.conversation.handoff.HandoffTransitions;
import io.liora.conversation.inbox.InboundMessage;
import io.liora.conversation.log.ConversationLog;
import io.liora.conversation.policy.BotPolicy;
import io.liora.conversation.router.Intent;
import io.liora.conversation.state.ConvoState;
import io.liora.conversation.tenant.NumberOwners;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Answers stored messages. A round claims, for every tenant, the oldest pending message of each
 * contact whose earlier messages are all answered (so one contact's messages go one at a time, in
 * Meta's timestamp order), with a lease a dead worker's claim runs out of. (The first form of the
 * claim, an anti-join under FOR UPDATE SKIP LOCKED, took seconds per round with 15,000 messages
 * waiting: docs/benchmarks.md.) Each message: decide the turn ({@link TurnDecider}), hand the
 * replies to integrations-service under idempotency keys derived from the wamid and the reply's
 * index ({@link ReplySender}), then record it ({@link TurnRecords}): the contact's new state and
 * consent, the log of both directions and the message marked done, in one statement. A crash
 * anywhere before that statement leaves the message to be processed again, and the same keys make
 * integrations-service send nothing twice. The message, its contact and state are loaded in one
 * statement too ({@link TurnLoads}), through the plain SQL client ({@link TenantSql}), with one reply
 * reserved under the tenant's cap in the same round trip ({@link ReplyCap}; the claim names the
 * number, whose owner's policy sets the cap).
 */
@ApplicationScoped
public class InboxProcessor {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class);
    /**
     * Each contact's oldest pending message (one index scan in order), of those the ones no live
     * worker holds, oldest first, taken in the same statement: a row another replica claimed
     * meanwhile fails the update's re-check and is left out. (The first form of the claim, an
     * anti-join under FOR UPDATE SKIP LOCKED, took seconds per round with 15,000 messages waiting.)
     */
    private static final String CLAIM = """
            with heads as (
                select id from (
                    select distinct on (cliente_id, contact_id) id, sent_at, claimed_until
                    from inbound_messages where status = 'pending'
                    order by cliente_id, contact_id, sent_at, id) head
                where claimed_until is null or claimed_until < now()
                order by sent_at
                limit $1)
            update inbound_messages m
            set claimed_until = now() + make_interval(secs => $2), attempts = m.attempts + 1
            from heads
            where m.id = heads.id and m.status = 'pending' and (m.claimed_until is null or m.claimed_until < now())
            returning m.id, m.cliente_id, m.phone_number_id""";
    private static final String RETRY_SOON = """
            update inbound_messages set claimed_until = now() + make_interval(secs => least($2, 2 * attempts))
            where id = $1 and status = 'pending'""";
    private static final String GIVE_UP = """
            update inbound_messages set status = 'failed', claimed_until = null, updated_at = now()
            where id = $1 and status = 'pending'""";

    private final TenantTransactions tx;
    private final TenantSql sql;
    private final InboxConfig config;
    private final TurnLoads loads;
    private final TurnDecider decider;
    private final ReplySender sender;
    private final TurnRecords records;
    private final ReplyCap cap;
    private final NumberOwners owners;
    private final MeterRegistry metrics;
    private final HandoffMetrics handoffMetrics;
    private final Vertx vertx;

    public InboxProcessor(TenantTransactions tx, TenantSql sql, InboxConfig config, TurnLoads loads,
            TurnDecider decider, ReplySender sender, TurnRecords records, ReplyCap cap, NumberOwners owners,
            MeterRegistry metrics,
            HandoffMetrics handoffMetrics, Vertx vertx) {
        this.tx = tx;
        this.sql = sql;
        this.config = config;
        this.loads = loads;
        this.decider = decider;
        this.sender = sender;
        this.records = records;
        this.cap = cap;
        this.owners = owners;
        this.metrics = metrics;
        this.handoffMetrics = handoffMetrics;
        this.vertx = vertx;
    }

    /**
     * One round: claim, process what was claimed; returns how many were claimed. A
     * claim holds at most one message per contact, so the batch is processed concurrently, each
     * message on a Vert.x context of its own.
     */
    public Uni<Integer> round() {
        return claim().chain(claimed -> Multi.createFrom().iterable(claimed)
                .onItem().transformToUni(row -> IsolatedContexts.run(vertx, () -> answer(row)))
                .merge(Math.max(1, config.concurrency()))
                .collect().asList().map(done -> claimed.size()));
    }

    /**
     * Answers one message already claimed (at storing: {@link ImmediateTurns}) as a round would;
     * never fails (a turn that could not be answered is tried again soon, as in a round).
     */
    Uni<Void> answer(UUID id, UUID clienteId, String phoneNumberId) {
        return answer(new Claimed(id, clienteId, phoneNumberId));
    }

    private Uni<Void> answer(Claimed claimed) {
        return processOrRetrySoon(claimed)
                .onFailure().invoke(e -> LOG.warnf(e, "Message %s not answered yet; tried again in a few seconds",
                        claimed.id()))
                .onFailure().recoverWithNull();
    }

    /** A claimed message, its tenant and the business number it was sent to. */
    private record Claimed(UUID id, UUID clienteId, String phoneNumberId) {
    }

    private Uni<List<Claimed>> claim() {
        return sql.acrossTenantsReplayable(CLAIM, Tuple.of(config.batchSize(), (double) config.claimLease().toSeconds()))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    rows.forEach(row -> claimed.add(new Claimed(row.getUUID(0), row.getUUID(1), row.getString(2))));
                    return claimed;
                });
    }

    /**
     * A message that could not be answered (a service it needs is down) is tried again within
     * seconds (2 s per attempt, at most the lease), not only when its whole lease has run out.
     */
    private Uni<Void> processOrRetrySoon(Claimed claimed) {
        Executor context = EventLoop.current();
        return process(claimed).emitOn(context).onFailure().call(failure -> sql.forTenant(claimed.clienteId(),
                RETRY_SOON, Tuple.of(claimed.id(), (double) config.claimLease().toSeconds())).onFailure().recoverWithNull());
    }

    /** The number's owner first (its policy sets the reply cap the load reserves under), then the turn. */
    private Uni<Void> process(Claimed claimed) {
        Executor eventLoop = EventLoop.current();
        UUID clienteId = claimed.clienteId();
        return owners.owner(claimed.phoneNumberId())
                .map(owner -> owner.map(o -> new TurnDecider.Tenant(o.clienteSlug(), BotPolicy.of(o.plan(), o.policy())))
                        .orElse(new TurnDecider.Tenant("tienda", BotPolicy.defaults())))
                .emitOn(eventLoop)
                .chain(owner -> loads.load(claimed.id(), clienteId, owner.policy().repliesPerMinute()).emitOn(eventLoop)
                        .chain(work -> {
                            if (work == null) {
                                return Uni.createFrom().voidItem();
                            }
                            if (work.message().attempts > config.maxAttempts()) {
                                return giveUp(work.message()).chain(() -> cap.giveBack(clienteId, work.allowance()));
                            }
                            return decider.decide(clienteId, owner, work)
                                    .chain(outcome -> sender.send(work.message(), work.contact(), outcome)
                                            .map(sent -> Map.entry(sent.refusal() == null ? outcome
                                                    : outcome.noted(sent.refusal()), sent.ids())))
                                    .emitOn(eventLoop)
                                    .chain(done -> record(work, owner.policy(), done.getKey(), done.getValue()));
                        }));
    }

    /** The turn recorded on the state it loaded; on the state as it is now when that moved meanwhile. */
    private Uni<Void> record(TurnDecider.Work work, BotPolicy policy, TurnDecider.Outcome outcome, List<UUID> sent) {
        Executor eventLoop = EventLoop.current();
        InboundMessage message = work.message();
        Instant now = Instant.now();
        ConvoState state = work.state();
        Optional<HandoffEvent> handoff = moveOn(state, message, work.contact(), outcome, policy, now);
        boolean consentChanged = consent(work.contact(), outcome, now);
        return records.record(message.id, state, work.storedState(), work.contact(), consentChanged,
                        logs(message, outcome, sent, now), handoff, work.allowance())
                .emitOn(eventLoop)
                .chain(result -> switch (result) {
                    case RECORDED -> {
                        handoff.ifPresent(handoffMetrics::recorded);
                        countConsent(outcome);
                        yield Uni.createFrom().voidItem();
                    }
                    case ALREADY_DONE -> Uni.createFrom().voidItem(); // another worker finished it meanwhile
                    // (what the turn did not use under the cap was given back with the record all the same)
                    case STATE_MOVED -> tx.forTenant(message.clienteId, () -> finish(message, policy, outcome, sent));
                });
    }

    /** The turn applied to the state, contact and message as they are stored now (entities, one transaction). */
    private Uni<Void> finish(InboundMessage loaded, BotPolicy policy, TurnDecider.Outcome outcome, List<UUID> sent) {
        return InboundMessage.<InboundMessage>findById(loaded.id).chain(message -> {
            if (message == null || !"pending".equals(message.status)) {
                return Uni.createFrom().voidItem(); // another worker finished it meanwhile
            }
            Instant now = Instant.now();
            message.status = "done";
            message.processedAt = now;
            message.claimedUntil = null;
            return Contact.<Contact>findById(message.contactId).chain(contact -> ConvoState.<ConvoState>find(
                    "clienteId = ?1 and contactId = ?2", message.clienteId, message.contactId).firstResult()
                    .chain(existing -> {
                        ConvoState state = existing == null ? TurnLoads.fresh(message) : existing;
                        Optional<HandoffEvent> handoff = moveOn(state, message, contact, outcome, policy, now);
                        handoff.ifPresent(handoffMetrics::recorded);
                        if (consent(contact, outcome, now)) {
                            countConsent(outcome);
                        }
                        return state.persist().chain(() -> ConversationLog.persist(logs(message, outcome, sent, now)))
                                .chain(() -> handoff.isPresent() ? handoff.get().persist().replaceWithVoid()
                                        : Uni.createFrom().voidItem());
                    }));
        }).replaceWithVoid();
    }

    private static List<ConversationLog> logs(InboundMessage message, TurnDecider.Outcome outcome, List<UUID> sent,
            Instant now) {
        int latency = (int) Duration.between(message.createdAt, now).toMillis();
        List<ConversationLog> logs = new ArrayList<>();
        logs.add(ConversationLogs.inbound(message, outcome.intent(), latency, outcome.note()));
        for (int i = 0; i < sent.size(); i++) {
            logs.add(ConversationLogs.outbound(message, outcome.intent(), outcome.reply().messages().get(i),
                    sent.get(i)));
        }
        return logs;
    }

    /** The state moved on by the turn; answers the handoff it asked for, if any. */
    private static Optional<HandoffEvent> moveOn(ConvoState state, InboundMessage message, Contact contact,
            TurnDecider.Outcome outcome, BotPolicy policy, Instant now) {
        apply(state, message, contact, outcome);
        return HandoffTransitions.inbound(state, outcome.reply().needsHuman(),
                Intent.HUMAN.equals(outcome.intent().name()) ? "asked" : "backoff", policy.handoffIdle(), now);
    }

    /** The contact's consent as the turn leaves it; answers whether it changed. */
    private static boolean consent(Contact contact, TurnDecider.Outcome outcome, Instant now) {
        if (contact == null) {
            return false;
        }
        switch (outcome.consent()) {
            case OPT_OUT -> contact.optedOutAt = now;
            case OPT_IN -> contact.optedOutAt = null;
            case NONE -> {
                return false;
            }
        }
        return true;
    }

    private void countConsent(TurnDecider.Outcome outcome) {
        switch (outcome.consent()) {
            case OPT_OUT -> metrics.counter("liora.contacts.consent", "change", "opt_out").increment();
            case OPT_IN -> metrics.counter("liora.contacts.consent", "change", "opt_in").increment();
            case NONE -> {
            }
        }
    }

    private static void apply(ConvoState state, InboundMessage message, Contact contact, TurnDecider.Outcome outcome) {
        if (contact != null) {
            state.profileName = contact.profileName;
            state.msisdn = contact.phone;
        }
        state.lastInboundAt = state.lastInboundAt == null || message.sentAt.isAfter(state.lastInboundAt)
                ? message.sentAt : state.lastInboundAt;
        state.nomatchRate = outcome.backoff().rate();
        state.nomatchCredit = outcome.backoff().credit();
        state.nomatchStreak = outcome.backoff().streak();
        state.needsHuman = state.needsHuman || outcome.reply().needsHuman();
        state.phoneNumberId = message.phoneNumberId;
        // a reaction, a system message or a silenced customer leaves the conversation where it was
        boolean moves = outcome.intent().matched() && !outcome.intent().name().startsWith(Intent.EVENT_PREFIX)
                && !"opted_out".equals(outcome.note());
        if (moves) {
            state.lastIntent = outcome.intent().name();
            state.flow = outcome.reply().flow();
            state.step = outcome.reply().step();
        }
    }

    private Uni<Void> giveUp(InboundMessage message) {
        LOG.errorf("Message %s failed after %d attempts", message.id, message.attempts);
        return sql.forTenant(message.clienteId, GIVE_UP, Tuple.of(message.id)).replaceWithVoid();
    }
}
