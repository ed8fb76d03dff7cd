package io.liora.integrations.whatsapp;

import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantSql;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.work.IsolatedContexts;
import io.liora.common.work.Rounds;
import io.liora.common.work.TenantBatches;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Sends the outbox. Each round claims due messages of every tenant with
 * {@code FOR UPDATE SKIP LOCKED} and a lease (so replicas never take the same row, and a sender
 * that dies mid-send leaves its rows to another once the lease ends), then sends them one by one,
 * each in its tenant's transaction. Rounds run on a timer and right after a message is queued. A
 * tenant whose token Meta rejected is paused ({@link SendingPauses}): its messages wait.
 */
@ApplicationScoped
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);
    /** Our id in {@code biz_opaque_callback_data}. */
    static final String CALLBACK_PREFIX = "liora:";
    private static final Duration RECORD_RETRY_FIRST = Duration.ofMillis(100);
    /** Accepted sends recorded by one transaction at most. */
    private static final int MAX_RECORDS = 64;
    private static final Duration RECORD_RETRY_MAX = Duration.ofSeconds(2);
    private static final Duration QUEUE_GAUGE_INTERVAL = Duration.ofSeconds(5);
    /** How often paused tenants are looked at (each pause says when it is due: {@code check_after}). */
    private static final Duration PAUSES_INTERVAL = Duration.ofSeconds(5);
    /**
     * The oldest queued message of each recipient (one index scan in order), of those the due ones
     * no live sender holds and whose tenant is not paused, oldest first. No row locks here (an
     * anti-join under FOR UPDATE SKIP LOCKED took seconds with a deep queue): the claim decides.
     */
    private static final String HEADS = """
            select id, cliente_id, phone_number_id from (
                select distinct on (phone_number_id, recipient) id, cliente_id, phone_number_id, next_attempt_at,
                       claimed_until
                from outbound_messages where status = 'queued'
                order by phone_number_id, recipient, created_at, id) head
            where next_attempt_at <= now()
              and (claimed_until is null or claimed_until + make_interval(secs => $2) < now())
              and cliente_id not in (select cliente_id from sending_pauses)
            order by next_attempt_at
            limit $1""";
    /** Takes what is still free: a row another replica claimed meanwhile fails the re-check and is left out. */
    private static final String CLAIM = """
            update outbound_messages
            set claimed_until = now() + make_interval(secs => $1), attempts = attempts + 1,
                last_attempt_at = now()
            where id = any($3) and status = 'queued'
              and (claimed_until is null or claimed_until + make_interval(secs => $2) < now())
            returning id, cliente_id, phone_number_id, cast(payload as text)""";
    /** A send Meta accepted, recorded unless its status came first (it carried our callback data). */
    private static final String RECORD_SENT = """
            update outbound_messages set status = 'sent', wamid = $2, status_at = now(), error_code = null,
                                         error_title = null, claimed_until = null, updated_at = now()
            where id = $1 and status = 'queued'""";

    /** What one send came to. */
    record Outcome(String wamid, MetaError error) {
        static Outcome sent(String wamid) {
            return new Outcome(wamid, null);
        }

        static Outcome failed(MetaError error) {
            return new Outcome(null, error);
        }
    }

    private final TenantTransactions tx;
    private final TenantSql sql;
    private final WhatsAppConfig config;
    private final GraphApi graph;
    private final WabaCredentials credentials;
    private final RateGovernor rates;
    private final SendingPauses pauses;
    private final MeterRegistry metrics;
    private final AtomicLong queueDepth = new AtomicLong();
    private final Rounds rounds;
    private final Vertx vertx;
    private final TenantBatches<Tuple, Void> sentRecords;

    public OutboxSender(TenantTransactions tx, TenantSql sql, WhatsAppConfig config, @RestClient GraphApi graph,
            WabaCredentials credentials, RateGovernor rates, SendingPauses pauses, MeterRegistry metrics, Vertx vertx) {
        this.tx = tx;
        this.sql = sql;
        this.config = config;
        this.graph = graph;
        this.credentials = credentials;
        this.rates = rates;
        this.pauses = pauses;
        this.metrics = metrics;
        metrics.gauge("liora.whatsapp.queue.depth", queueDepth);
        this.vertx = vertx;
        this.rounds = new Rounds(vertx, "outbox", this::round, config.batchSize());
        DistributionSummary recordsPerTransaction = DistributionSummary.builder("liora.whatsapp.sent.records")
                .description("Accepted sends recorded by one transaction").register(metrics);
        this.sentRecords = new TenantBatches<>(vertx, MAX_RECORDS, this::recordSentTogether, failure -> true,
                recordsPerTransaction::record);
    }

    void start(@Observes StartupEvent event) {
        if (config.senderEnabled()) {
            rounds.every(config.pollInterval());
            // the gauge counts the whole queue: on a timer of its own, not in every round
            vertx.setPeriodic(QUEUE_GAUGE_INTERVAL.toMillis(), id -> IsolatedContexts.run(vertx, this::measureQueue)
                    .subscribe().with(ignored -> { }, e -> LOG.debugf("Queue depth not measured: %s", e)));
            // so are paused tenants (rare): a round does not pay a transaction to find none
            vertx.setPeriodic(PAUSES_INTERVAL.toMillis(), id -> IsolatedContexts.run(vertx, pauses::resumeRotated)
                    .subscribe().with(resumed -> {
                        if (resumed > 0) {
                            wake();
                        }
                    }, e -> LOG.warnf("Paused tenants not checked: %s", e)));
        }
    }

    /** Runs a round now, or right after the one running. */
    public void wake() {
        if (config.senderEnabled()) {
            rounds.wake();
        }
    }

    /**
     * One round: claim, then send what was claimed; returns how many were claimed. A claim holds
     * only the oldest queued message of each recipient, so a recipient's messages reach Meta in the
     * order they were queued (also when one waits for a retry), and the batch is sent concurrently.
     */
    public Uni<Integer> round() {
        return claim().chain(claimed -> Multi.createFrom().iterable(claimed)
                .onItem().transformToUni(message -> IsolatedContexts.run(vertx, () -> send(message))
                        // one message's trouble must not hold up the others: its lease expires, it is retried
                        .onFailure().invoke(e -> LOG.warnf(e, "Sending %s failed; retried when its lease ends",
                                message.id()))
                        .onFailure().recoverWithNull())
                .merge(Math.max(1, config.concurrency()))
                .collect().asList().map(done -> claimed.size()));
    }

    /** The gauge {@code liora.whatsapp.queue.depth}: messages waiting to be sent, all tenants. */
    private Uni<Void> measureQueue() {
        return tx.acrossTenants(() -> OutboundMessage.count("status", "queued")).invoke(queueDepth::set)
                .replaceWithVoid();
    }

    /** Due messages, as many per number as its rate allows; the rest stay for a later round. */
    private Uni<List<Claimed>> claim() {
        double grace = config.orphanGrace().toSeconds();
        return sql.acrossTenants(connection -> connection.preparedQuery(HEADS)
                .execute(Tuple.of(config.batchSize(), grace))
                .compose(heads -> withinRates(connection, heads))
                .compose(granted -> granted.isEmpty() ? Future.succeededFuture(List.<Claimed>of())
                        : connection.preparedQuery(CLAIM).execute(Tuple.of((double) config.claimLease().toSeconds(),
                                grace, granted.toArray(UUID[]::new))).map(OutboxSender::claimed)));
    }

    /** The candidates each number's rate lets through now, in order. */
    private Future<List<UUID>> withinRates(SqlConnection connection, RowSet<Row> candidates) {
        Map<String, List<UUID>> byNumber = new java.util.LinkedHashMap<>();
        for (Row row : candidates) {
            byNumber.computeIfAbsent(row.getString(2), number -> new java.util.ArrayList<>()).add(row.getUUID(0));
        }
        List<UUID> granted = new java.util.ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, List<UUID>> number : byNumber.entrySet()) {
            chain = chain.compose(ignored -> rates.grant(connection, number.getKey(), number.getValue().size())
                    .map(count -> {
                        granted.addAll(number.getValue().subList(0, count));
                        return null;
                    }));
        }
        return chain.map(done -> granted);
    }

    private static List<Claimed> claimed(RowSet<Row> rows) {
        List<Claimed> claimed = new java.util.ArrayList<>();
        for (Row row : rows) {
            claimed.add(new Claimed(row.getUUID(0), row.getUUID(1), row.getString(2), row.getString(3)));
        }
        return claimed;
    }

    /** A message the claim took, with what its send needs (the claim answers them: no load per message). */
    record Claimed(UUID id, UUID clienteId, String phoneNumberId, String payload) {
    }

    /** Sends a claimed message and records what Meta answered. */
    Uni<Void> send(Claimed message) {
        Executor eventLoop = EventLoop.current();
        Timer.Sample timing = Timer.start(metrics);
        return credentials.get(message.clienteId(), message.phoneNumberId())
                .chain(creds -> graph.send(config.graphVersion(), message.phoneNumberId(),
                        "Bearer " + creds.accessToken(), withCallbackData(message)))
                .eventually(() -> timing.stop(metrics.timer("liora.whatsapp.send.latency")))
                .map(OutboxSender::outcome)
                .onFailure().recoverWithItem(OutboxSender::outcomeOfFailure)
                .emitOn(eventLoop)
                .chain(outcome -> record(message.id(), message.clienteId(), message.phoneNumberId(), outcome,
                        eventLoop));
    }

    /**
     * The message as Meta gets it: with our id as {@code biz_opaque_callback_data}, which Meta echoes
     * in the message's statuses, so that a send whose answer was never recorded (the sender died)
     * is recognised by its status instead of being sent twice.
     */
    private static Map<String, Object> withCallbackData(Claimed message) {
        Map<String, Object> payload = JsonMaps.map(message.payload());
        payload.put("biz_opaque_callback_data", CALLBACK_PREFIX + message.id());
        return payload;
    }

    private Uni<Void> record(UUID id, UUID clienteId, String phoneNumberId, Outcome outcome, Executor eventLoop) {
        Instant now = Instant.now();
        metrics.counter("liora.whatsapp.sends", "outcome", outcome.error() == null ? "sent"
                : outcome.error().kind().name().toLowerCase(java.util.Locale.ROOT),
                "code", outcome.error() == null || outcome.error().code() == null ? "none"
                        : String.valueOf(outcome.error().code())).increment();
        Uni<Void> recorded = (outcome.error() == null ? recordSent(id, clienteId, outcome.wamid())
                : tx.forTenant(clienteId, () -> OutboundMessage.<OutboundMessage>findById(id).invoke(message -> {
                    if (!"queued".equals(message.status)) {
                        return; // its status arrived first (it carried our callback data): nothing to add
                    }
                    message.claimedUntil = null;
                    message.errorCode = outcome.error().code();
                    message.errorTitle = outcome.error().title();
                    boolean exhausted = message.attempts >= config.maxAttempts()
                            || message.createdAt.plus(config.maxAge()).isBefore(now);
                    if (outcome.error().retryable() && !exhausted) {
                        message.nextAttemptAt = now.plus(Backoff.delay(message.attempts, config.backoffBase(),
                                config.backoffCap()));
                    } else {
                        message.status = "failed";
                        message.statusAt = now;
                    }
                }).replaceWithVoid()))
                // Meta has answered: if this record were lost (the database restarting, say), the
                // message would be sent again when its lease ends, so keep trying well within the lease
                .runSubscriptionOn(eventLoop)
                .onFailure().retry().withBackOff(RECORD_RETRY_FIRST, RECORD_RETRY_MAX)
                .expireIn(config.claimLease().toMillis() / 2);
        if (outcome.error() != null && Integer.valueOf(MetaError.THROUGHPUT_LIMIT).equals(outcome.error().code())) {
            recorded = recorded.chain(() -> rates.throttled(phoneNumberId));
        }
        if (outcome.error() != null && outcome.error().kind() == MetaError.Kind.TOKEN_EXPIRED) {
            return recorded.chain(() -> pauses.pause(clienteId, outcome.error().title()))
                    .chain(() -> credentials.markNeedsReauth(clienteId, phoneNumberId)
                            .onFailure().invoke(e -> LOG.warnf("Could not mark tenant %s needs_reauth", clienteId))
                            .onFailure().recoverWithNull());
        }
        return recorded;
    }

    /**
     * Meta's acceptance recorded; the sends of a tenant accepted while its last record commits are
     * recorded together by the next transaction (one statement each, pipelined; alone should it fail).
     */
    private Uni<Void> recordSent(UUID id, UUID clienteId, String wamid) {
        return sentRecords.submit(clienteId, Tuple.of(id, wamid));
    }

    private Uni<List<Void>> recordSentTogether(UUID clienteId, List<Tuple> sends) {
        return sql.forTenant(clienteId, connection -> connection.preparedQuery(RECORD_SENT).executeBatch(sends)
                .map(done -> java.util.Collections.<Void>nCopies(sends.size(), null)));
    }

    static Outcome outcome(Response response) {
        Map<String, Object> body = MetaResponses.body(response);
        if (response.getStatus() / 100 == 2) {
            if (Boolean.TRUE.equals(body.get("success"))) {
                return Outcome.sent(null);
            }
            Object messages = body.get("messages");
            if (messages instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
                return Outcome.sent(String.valueOf(first.get("id")));
            }
            return Outcome.failed(MetaError.network("2xx without a message id"));
        }
        Integer code = null;
        String title = "HTTP " + response.getStatus();
        if (body.get("error") instanceof Map<?, ?> error) {
            code = error.get("code") instanceof Number n ? n.intValue() : null;
            Object message = error.get("message");
            title = message == null ? title : String.valueOf(message);
        }
        return Outcome.failed(MetaError.classify(response.getStatus(), code, title));
    }

    static Outcome outcomeOfFailure(Throwable failure) {
        if (failure instanceof WebApplicationException http && http.getResponse() != null) {
            return outcome(http.getResponse());
        }
        return Outcome.failed(MetaError.network(failure.getClass().getSimpleName()));
    }
}
