package io.liora.conversation.processing;

import io.liora.common.persistence.EventLoop;
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
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
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
 * index ({@link ReplySender}), then, in one transaction, the contact's new state and consent, the
 * log of both directions and the message marked done. A crash anywhere before that transaction
 * leaves the message to be processed again, and the same keys make integrations-service send
 * nothing twice.
 */
@ApplicationScoped
public class InboxProcessor {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class);
    /**
     * Each contact's oldest pending message (one index scan in order), of those the ones no live
     * worker holds, oldest first. No row locks here: the claim below is what decides.
     */
    private static final String HEADS = """
            select id, cliente_id from (
                select distinct on (cliente_id, contact_id) id, cliente_id, sent_at, claimed_until
                from inbound_messages where status = 'pending'
                order by cliente_id, contact_id, sent_at, id) head
            where claimed_until is null or claimed_until < now()
            order by sent_at
            limit :batch""";
    /** Takes what is still free: a row another replica claimed meanwhile fails the re-check and is left out. */
    private static final String CLAIM = """
            update inbound_messages set claimed_until = now() + make_interval(secs => :lease), attempts = attempts + 1
            where id in (:ids) and status = 'pending' and (claimed_until is null or claimed_until < now())
            returning id, cliente_id""";
    private static final String RETRY_SOON = """
            update inbound_messages set claimed_until = now() + make_interval(secs => least(:lease, 2 * attempts))
            where id = :id and status = 'pending'""";

    private final TenantTransactions tx;
    private final InboxConfig config;
    private final TurnDecider decider;
    private final ReplySender sender;
    private final NumberOwners owners;
    private final MeterRegistry metrics;
    private final HandoffMetrics handoffMetrics;
    private final Vertx vertx;

    public InboxProcessor(TenantTransactions tx, InboxConfig config, TurnDecider decider, ReplySender sender,
            NumberOwners owners, MeterRegistry metrics, HandoffMetrics handoffMetrics,
            Vertx vertx) {
        this.tx = tx;
        this.config = config;
        this.decider = decider;
        this.sender = sender;
        this.owners = owners;
        this.metrics = metrics;
        this.handoffMetrics = handoffMetrics;
        this.vertx = vertx;
    }

    /**
     * One round: claim, process what was claimed; returns how many were claimed. A
     * claim holds at most one message per contact, so the batch is processed concurrently, each
     * message on a Vert.x context (and so a Hibernate Reactive session) of its own.
     */
    public Uni<Integer> round() {
        return claim().chain(claimed -> Multi.createFrom().iterable(claimed)
                .onItem().transformToUni(row -> IsolatedContexts.run(vertx, () -> processOrRetrySoon((UUID) row[0],
                                (UUID) row[1]))
                        .onFailure().invoke(e -> LOG.warnf(e, "Message %s not answered yet; tried again in a few seconds",
                                row[0]))
                        .onFailure().recoverWithNull())
                .merge(Math.max(1, config.concurrency()))
                .collect().asList().map(done -> claimed.size()));
    }

    private Uni<List<Object[]>> claim() {
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(HEADS, Object[].class).setParameter("batch", config.batchSize()).getResultList()
                .chain(heads -> heads.isEmpty() ? Uni.createFrom().item(List.<Object[]>of())
                        : session.createNativeQuery(CLAIM, Object[].class)
                                .setParameter("lease", (double) config.claimLease().toSeconds())
                                .setParameter("ids", heads.stream().map(row -> row[0]).toList())
                                .getResultList())));
    }

    /**
     * A message that could not be answered (a service it needs is down) is tried again within
     * seconds (2 s per attempt, at most the lease), not only when its whole lease has run out.
     */
    private Uni<Void> processOrRetrySoon(UUID id, UUID clienteId) {
        Executor context = EventLoop.current();
        return process(id, clienteId).emitOn(context).onFailure().call(failure -> tx.forTenant(clienteId, () ->
                Panache.getSession().chain(session -> session.createNativeQuery(RETRY_SOON)
                        .setParameter("id", id).setParameter("lease", (double) config.claimLease().toSeconds())
                        .executeUpdate()))
                .onFailure().recoverWithNull());
    }

    Uni<Void> process(UUID id, UUID clienteId) {
        Executor eventLoop = EventLoop.current();
        return tx.forTenant(clienteId, () -> load(id)).chain(work -> {
            if (work == null) {
                return Uni.createFrom().voidItem();
            }
            if (work.message().attempts > config.maxAttempts()) {
                return giveUp(work);
            }
            return owners.owner(work.message().phoneNumberId)
                    .map(owner -> owner.map(o -> new TurnDecider.Tenant(o.clienteSlug(), BotPolicy.of(o.plan(), o.policy())))
                            .orElse(new TurnDecider.Tenant("tienda", BotPolicy.defaults())))
                    .emitOn(eventLoop)
                    .chain(owner -> decider.decide(clienteId, owner, work)
                            .chain(outcome -> sender.send(work.message(), work.contact(), outcome)
                                    .map(sent -> Map.entry(sent.refusal() == null ? outcome
                                            : outcome.noted(sent.refusal()), sent.ids())))
                            .emitOn(eventLoop)
                            .chain(done -> tx.forTenant(clienteId, () -> finish(work, owner.policy(), done.getKey(),
                                    done.getValue()))));
        });
    }

    private Uni<TurnDecider.Work> load(UUID id) {
        return InboundMessage.<InboundMessage>findById(id).chain(message -> {
            if (message == null || !"pending".equals(message.status) || message.contactId == null) {
                return Uni.createFrom().nullItem();
            }
            return Contact.<Contact>findById(message.contactId).chain(contact -> ConvoState.<ConvoState>find(
                    "clienteId = ?1 and contactId = ?2", message.clienteId, message.contactId).firstResult()
                    .map(state -> new TurnDecider.Work(message, contact, state == null ? fresh(message) : state,
                            state == null)));
        });
    }

    private Uni<Void> finish(TurnDecider.Work work, BotPolicy policy, TurnDecider.Outcome outcome, List<UUID> sent) {
        InboundMessage loaded = work.message();
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
                        ConvoState state = existing == null ? fresh(message) : existing;
                        apply(state, message, contact, outcome);
                        Optional<HandoffEvent> handoff = HandoffTransitions.inbound(state, outcome.reply().needsHuman(),
                                Intent.HUMAN.equals(outcome.intent().name()) ? "asked" : "backoff",
                                policy.handoffIdle(), now);
                        handoff.ifPresent(handoffMetrics::recorded);
                        consent(contact, outcome, now);
                        int latency = (int) Duration.between(message.createdAt, now).toMillis();
                        List<ConversationLog> logs = new ArrayList<>();
                        logs.add(ConversationLogs.inbound(message, outcome.intent(), latency, outcome.note()));
                        for (int i = 0; i < sent.size(); i++) {
                            logs.add(ConversationLogs.outbound(message, outcome.intent(),
                                    outcome.reply().messages().get(i), sent.get(i)));
                        }
                        return state.persist().chain(() -> ConversationLog.persist(logs))
                                .chain(() -> handoff.isPresent() ? handoff.get().persist().replaceWithVoid()
                                        : Uni.createFrom().voidItem());
                    }));
        }).replaceWithVoid();
    }

    private void consent(Contact contact, TurnDecider.Outcome outcome, Instant now) {
        if (contact == null) {
            return;
        }
        switch (outcome.consent()) {
            case OPT_OUT -> {
                contact.optedOutAt = now;
                metrics.counter("liora.contacts.consent", "change", "opt_out").increment();
            }
            case OPT_IN -> {
                contact.optedOutAt = null;
                metrics.counter("liora.contacts.consent", "change", "opt_in").increment();
            }
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

    private Uni<Void> giveUp(TurnDecider.Work work) {
        return tx.forTenant(work.message().clienteId, () -> InboundMessage.<InboundMessage>findById(work.message().id)
                .invoke(message -> {
                    message.status = "failed";
                    message.claimedUntil = null;
                    LOG.errorf("Message %s failed after %d attempts", message.id, message.attempts);
                })).replaceWithVoid();
    }

    private static ConvoState fresh(InboundMessage message) {
        ConvoState state = new ConvoState();
        state.clienteId = message.clienteId;
        state.contactId = message.contactId;
        state.msisdn = message.msisdn;
        state.profileName = message.profileName;
        return state;
    }
}
