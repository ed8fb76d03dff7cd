package io.liora.conversation.processing;

import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.work.IsolatedContexts;
import io.liora.conversation.clients.IntegrationsApi;
import io.liora.conversation.inbox.InboundMessage;
import io.liora.conversation.log.ConversationLog;
import io.liora.conversation.policy.BotPolicy;
import io.liora.conversation.router.Intent;
import io.liora.conversation.router.NoMatchBackoff;
import io.liora.conversation.router.Router;
import io.liora.conversation.skills.Outgoing;
import io.liora.conversation.skills.Reply;
import io.liora.conversation.skills.Skill;
import io.liora.conversation.skills.Turn;
import io.liora.conversation.skills.menu.MenuSkill;
import io.liora.conversation.state.ConvoState;
import io.liora.conversation.tenant.NumberOwners;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Answers stored messages. A round claims, for every tenant, the oldest pending message of each
 * contact whose earlier messages are all answered (so one contact's messages go one at a time, in
 * Meta's timestamp order), with a lease a dead worker's claim runs out of. (The first form of the
 * claim, an anti-join under FOR UPDATE SKIP LOCKED, took seconds per round with 15,000 messages
 * waiting: docs/benchmarks.md.) Each message: route,
 * let the skill answer, hand the replies to integrations-service under idempotency keys derived
 * from the wamid and the reply's index, then, in one transaction, the contact's new state, the log
 * of both directions and the message marked done. A crash anywhere before that transaction leaves
 * the message to be processed again, and the same keys make integrations-service send nothing twice.
 */
@ApplicationScoped
public class InboxProcessor {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class);
    private static final Duration WINDOW = Duration.ofHours(24);
    /**
     * Each contact's oldest pending message (one index scan in order), of those the ones no live
     * worker holds, oldest first. No row locks here: the claim below is what decides.
     */
    private static final String HEADS = """
            select id, cliente_id from (
                select distinct on (cliente_id, msisdn) id, cliente_id, sent_at, claimed_until
                from inbound_messages where status = 'pending'
                order by cliente_id, msisdn, sent_at, id) head
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

    /** The message and the contact's conversation as they were when processing began. */
    private record Work(InboundMessage message, ConvoState state, boolean firstContact) {
    }

    /** What processing decided. */
    private record Outcome(Intent intent, Reply reply, NoMatchBackoff.State backoff, String note) {

        Outcome silenced(String why) {
            return new Outcome(intent, Reply.silence(), backoff, why);
        }
    }

    /** The tenant as the number's owner describes it. */
    private record Tenant(String slug, BotPolicy policy) {
    }

    private final TenantTransactions tx;
    private final InboxConfig config;
    private final Router router;
    private final Instance<Skill> skills;
    private final MenuSkill menu;
    private final NumberOwners owners;
    private final IntegrationsApi integrations;
    private final StatusForwarder statuses;
    private final Vertx vertx;

    public InboxProcessor(TenantTransactions tx, InboxConfig config, Router router, Instance<Skill> skills,
            MenuSkill menu, NumberOwners owners, @RestClient IntegrationsApi integrations, StatusForwarder statuses,
            Vertx vertx) {
        this.tx = tx;
        this.config = config;
        this.router = router;
        this.skills = skills;
        this.menu = menu;
        this.owners = owners;
        this.integrations = integrations;
        this.statuses = statuses;
        this.vertx = vertx;
    }

    /**
     * One round: forward statuses, claim, process what was claimed; returns how many were claimed. A
     * claim holds at most one message per contact, so the batch is processed concurrently, each
     * message on a Vert.x context (and so a Hibernate Reactive session) of its own.
     */
    public Uni<Integer> round() {
        return statuses.forward().chain(this::claim).chain(claimed -> Multi.createFrom().iterable(claimed)
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
        String tenant = clienteId.toString();
        return tx.forTenant(clienteId, () -> load(id, clienteId)).chain(work -> {
            if (work == null) {
                return Uni.createFrom().voidItem();
            }
            if (work.message().attempts > config.maxAttempts()) {
                return giveUp(work);
            }
            return owners.owner(work.message().phoneNumberId)
                    .map(owner -> owner.map(o -> new Tenant(o.clienteSlug(), BotPolicy.of(o.plan(), o.policy())))
                            .orElse(new Tenant("tienda", BotPolicy.defaults())))
                    .chain(owner -> decide(tenant, clienteId, owner, work, eventLoop))
                    .chain(outcome -> send(tenant, work.message(), outcome).map(ids -> Map.entry(outcome, ids)))
                    .emitOn(eventLoop)
                    .chain(done -> tx.forTenant(clienteId, () -> finish(work, done.getKey(), done.getValue())));
        });
    }

    private Uni<Work> load(UUID id, UUID clienteId) {
        return InboundMessage.<InboundMessage>findById(id).chain(message -> {
            if (message == null || !"pending".equals(message.status)) {
                return Uni.createFrom().nullItem();
            }
            return ConvoState.<ConvoState>find("clienteId = ?1 and msisdn = ?2", clienteId, message.msisdn)
                    .firstResult().map(state -> new Work(message, state == null ? fresh(message) : state,
                            state == null));
        });
    }

    private Uni<Outcome> decide(String tenant, UUID clienteId, Tenant owner, Work work, Executor eventLoop) {
        BotPolicy policy = owner.policy();
        InboundMessage message = work.message();
        ConvoState state = work.state();
        Router.Input input = new Router.Input(MessageContent.text(message.message), MessageContent.replyId(message.message),
                state.flow, state.step, work.firstContact());
        NoMatchBackoff.State backoff = new NoMatchBackoff.State(state.nomatchRate, state.nomatchCredit,
                state.nomatchStreak);
        return router.route(tenant, input).chain(routed -> {
            if (!routed.matched()) {
                NoMatchBackoff.Decision decision = NoMatchBackoff.unmatched(backoff, policy.nomatch());
                Reply reply = decision.answer() ? menu.fallback(policy, decision.offerHuman()) : Reply.silence();
                if (!decision.answer() && decision.offerHuman()) {
                    reply = reply.withHuman();
                }
                return Uni.createFrom().item(new Outcome(routed, reply, decision.next(),
                        decision.answer() ? null : "no_match_backoff"));
            }
            // a skill the tenant does not offer answers with the menu of those it does
            boolean offered = Intent.MENU.equals(routed.name()) || Intent.HUMAN.equals(routed.name())
                    || policy.enabled(routed.skill());
            Intent intent = offered ? routed : Intent.rule(Intent.MENU, null, routed.source());
            Turn turn = new Turn(clienteId, owner.slug(), message.profileName, intent, policy);
            Skill skill = skills.stream().filter(s -> s.handles(intent.name())).findFirst().orElse(menu);
            return skill.reply(turn).map(reply -> new Outcome(intent, reply,
                    NoMatchBackoff.matched(backoff, policy.nomatch()), offered ? null : "skill_disabled"));
        }).emitOn(eventLoop).chain(outcome -> {
            if (!withinWindow(message)) {
                return Uni.createFrom().item(outcome.silenced("outside_24h_window"));
            }
            if (outcome.reply().messages().isEmpty()) {
                return Uni.createFrom().item(outcome);
            }
            return repliesInLastMinute(clienteId).map(sent -> sent + outcome.reply().messages().size()
                    > policy.repliesPerMinute() ? outcome.silenced("tenant_reply_cap") : outcome);
        });
    }

    /** The tenant's replies in the last minute, for its cap. */
    private Uni<Long> repliesInLastMinute(UUID clienteId) {
        return tx.forTenant(clienteId, () -> ConversationLog.count(
                "clienteId = ?1 and direction = 'out' and createdAt > ?2", clienteId, Instant.now().minusSeconds(60)));
    }

    /** WhatsApp lets a business answer freely only within 24 hours of the customer's message. */
    private static boolean withinWindow(InboundMessage message) {
        return message.sentAt.plus(WINDOW).isAfter(Instant.now());
    }

    private Uni<List<UUID>> send(String tenant, InboundMessage message, Outcome outcome) {
        List<Outgoing> replies = outcome.reply().messages();
        List<UUID> ids = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < replies.size(); i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("to", message.msisdn);
            body.put("phone_number_id", message.phoneNumberId);
            body.put("type", replies.get(i).type());
            if (replies.get(i).text() != null) {
                body.put("text", replies.get(i).text());
            } else {
                body.put("interactive", replies.get(i).interactive());
            }
            // the same inbound message always makes the same keys: a retry sends nothing new
            body.put("idempotency_key", message.wamid + ":" + i);
            chain = chain.chain(() -> integrations.send(tenant, body).invoke(queued -> ids.add(queued.id()))
                    .replaceWithVoid());
        }
        return chain.replaceWith(ids);
    }

    private Uni<Void> finish(Work work, Outcome outcome, List<UUID> sent) {
        InboundMessage loaded = work.message();
        return InboundMessage.<InboundMessage>findById(loaded.id).chain(message -> {
            if (message == null || !"pending".equals(message.status)) {
                return Uni.createFrom().voidItem(); // another worker finished it meanwhile
            }
            Instant now = Instant.now();
            message.status = "done";
            message.processedAt = now;
            message.claimedUntil = null;
            return ConvoState.<ConvoState>find("clienteId = ?1 and msisdn = ?2", message.clienteId, message.msisdn)
                    .firstResult().chain(existing -> {
                        ConvoState state = existing == null ? fresh(message) : existing;
                        apply(state, message, outcome);
                        int latency = (int) Duration.between(message.createdAt, now).toMillis();
                        List<ConversationLog> logs = new ArrayList<>();
                        logs.add(ConversationLogs.inbound(message, outcome.intent(), latency, outcome.note()));
                        for (int i = 0; i < sent.size(); i++) {
                            logs.add(ConversationLogs.outbound(message, outcome.intent(),
                                    outcome.reply().messages().get(i), sent.get(i)));
                        }
                        return state.persist().chain(() -> ConversationLog.persist(logs));
                    });
        }).replaceWithVoid();
    }

    private static void apply(ConvoState state, InboundMessage message, Outcome outcome) {
        if (message.profileName != null) {
            state.profileName = message.profileName;
        }
        state.lastInboundAt = state.lastInboundAt == null || message.sentAt.isAfter(state.lastInboundAt)
                ? message.sentAt : state.lastInboundAt;
        state.nomatchRate = outcome.backoff().rate();
        state.nomatchCredit = outcome.backoff().credit();
        state.nomatchStreak = outcome.backoff().streak();
        state.needsHuman = state.needsHuman || outcome.reply().needsHuman();
        if (outcome.intent().matched()) {
            state.lastIntent = outcome.intent().name();
            state.flow = outcome.reply().flow();
            state.step = outcome.reply().step();
        }
    }

    private Uni<Void> giveUp(Work work) {
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
        state.msisdn = message.msisdn;
        state.profileName = message.profileName;
        return state;
    }
}
