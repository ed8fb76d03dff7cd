package io.liora.integrations.whatsapp;

import io.liora.common.work.InFlight;
import io.liora.common.work.IsolatedContexts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends replies from the call that queued them, when they can go at once: claimed in the queueing
 * transaction (the same lease a round's claim takes, under the number's rate and the tenant's
 * pause), sent as soon as it commits. A reply so costs no round of the sender: no transaction to
 * find it, none to claim it. What cannot go at once (an older message of its recipient still
 * queued, the number's bucket empty, the tenant paused, too many sends in flight) stays queued
 * for the rounds ({@link OutboxSender}), which the caller wakes; a crash after the commit leaves
 * the claim to run out, as a round's would.
 */
@ApplicationScoped
public class ImmediateSends {

    private static final Logger LOG = Logger.getLogger(ImmediateSends.class);

    /**
     * The just-queued messages that are their recipient's oldest queued one (its earlier messages
     * sent or given up), due, unclaimed and of a tenant not paused; in the order they were queued.
     */
    private static final String CLAIM = """
            update outbound_messages m
            set claimed_until = now() + make_interval(secs => $1), attempts = m.attempts + 1, last_attempt_at = now()
            where m.id = any($2) and m.status = 'queued' and m.claimed_until is null and m.next_attempt_at <= now()
              and not exists (select 1 from sending_pauses p where p.cliente_id = m.cliente_id)
              and not exists (select 1 from outbound_messages o
                              where o.phone_number_id = m.phone_number_id and o.recipient = m.recipient
                                and o.status = 'queued' and (o.created_at, o.id) < (m.created_at, m.id))
            returning m.id, m.cliente_id, m.phone_number_id, cast(m.payload as text), m.created_at""";
    /** Claims the number's bucket could not grant, handed back to the rounds as they were. */
    private static final String RELEASE = """
            update outbound_messages set claimed_until = null, attempts = attempts - 1
            where id = any($1) and status = 'queued'""";

    private final WhatsAppConfig config;
    private final RateGovernor rates;
    private final OutboxSender sender;
    private final Vertx vertx;
    private final Counter sent;
    /** Immediate sends under way in this process: at most {@link WhatsAppConfig#concurrency()}. */
    private final InFlight inFlight;

    public ImmediateSends(WhatsAppConfig config, RateGovernor rates, OutboxSender sender, Vertx vertx,
            MeterRegistry metrics) {
        this.config = config;
        this.rates = rates;
        this.sender = sender;
        this.vertx = vertx;
        this.inFlight = new InFlight(config.concurrency());
        this.sent = Counter.builder("liora.whatsapp.immediate.sends")
                .description("Replies sent by the call that queued them, without a round of the sender")
                .register(metrics);
    }

    /**
     * Reserves places for up to {@code wanted} sends before the queueing transaction (none on a
     * replica that does not run the sender); what it does not claim is given back after it.
     */
    int reserve(int wanted) {
        return config.senderEnabled() ? inFlight.reserve(wanted) : 0;
    }

    /** Gives back places reserved and not claimed. */
    void release(int unused) {
        inFlight.release(unused);
    }

    /**
     * In the queueing transaction: claims those of the just-queued messages ({@code queued}, in
     * their order) that can be sent at once, at most {@code places} (reserved before it).
     */
    Future<List<OutboxSender.Claimed>> claim(SqlConnection connection, List<UUID> queued, int places) {
        if (queued.isEmpty() || places <= 0) {
            return Future.succeededFuture(List.of());
        }
        List<UUID> candidates = queued.subList(0, Math.min(places, queued.size()));
        return connection.preparedQuery(CLAIM)
                .execute(Tuple.tuple().addDouble((double) config.claimLease().toSeconds())
                        .addArrayOfUUID(candidates.toArray(UUID[]::new)))
                .compose(rows -> {
                    Map<String, List<OutboxSender.Claimed>> byNumber = new LinkedHashMap<>();
                    List<Row> inOrder = new ArrayList<>();
                    rows.forEach(inOrder::add);
                    inOrder.sort((a, b) -> a.getOffsetDateTime(4).compareTo(b.getOffsetDateTime(4)));
                    for (Row row : inOrder) {
                        byNumber.computeIfAbsent(row.getString(2), number -> new ArrayList<>())
                                .add(new OutboxSender.Claimed(row.getUUID(0), row.getUUID(1), row.getString(2),
                                        row.getString(3)));
                    }
                    return withinRates(connection, byNumber);
                });
    }

    /** What each number's bucket grants now, in order; the rest released in the same transaction. */
    private Future<List<OutboxSender.Claimed>> withinRates(SqlConnection connection,
            Map<String, List<OutboxSender.Claimed>> byNumber) {
        List<OutboxSender.Claimed> granted = new ArrayList<>();
        List<UUID> refused = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, List<OutboxSender.Claimed>> number : byNumber.entrySet()) {
            List<OutboxSender.Claimed> claimed = number.getValue();
            chain = chain.compose(ignored -> rates.grant(connection, number.getKey(), claimed.size()).map(count -> {
                granted.addAll(claimed.subList(0, count));
                claimed.subList(count, claimed.size()).forEach(message -> refused.add(message.id()));
                return null;
            }));
        }
        return chain.compose(done -> refused.isEmpty() ? Future.succeededFuture(granted)
                : connection.preparedQuery(RELEASE).execute(Tuple.tuple().addArrayOfUUID(refused.toArray(UUID[]::new)))
                        .map(released -> granted));
    }

    /**
     * After the queueing transaction committed: sends what it claimed, each on a context of its
     * own, giving back its place when recorded; answers when all are (never failing: a send that
     * fails is retried by the rounds once its lease ends, as a round's own would be).
     */
    Uni<Void> send(List<OutboxSender.Claimed> claimed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> each = new ArrayList<>();
        for (OutboxSender.Claimed message : claimed) {
            each.add(IsolatedContexts.run(vertx, () -> sender.send(message))
                    .invoke(() -> sent.increment())
                    .onFailure().invoke(e -> LOG.warnf(e, "Sending %s failed; retried when its lease ends", message.id()))
                    .onFailure().recoverWithNull()
                    .eventually(() -> inFlight.release(1)));
        }
        return Uni.join().all(each).andCollectFailures().replaceWithVoid();
    }
}
