package io.liora.conversation.webhook;

import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantSql;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.work.GroupCommit;
import io.liora.conversation.processing.ImmediateTurns;
import io.liora.conversation.tenant.NumberOwners;
import io.liora.conversation.tenant.TenantServiceApi;
import io.liora.conversation.webhook.DeliveryRows.Delivery;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stores what a webhook delivered before the webhook is answered: each message once per business
 * number and wamid (a unique index, not a check-then-insert), with the contact it comes from found
 * or created in the same statement; each delivery status once, for the forwarder.
 *
 * <p>Concurrent deliveries are group-committed ({@link GroupCommit}): those that arrive while one
 * transaction commits are stored by the next, all their messages in one statement and all their
 * statuses in another ({@link DeliveryRows}), and each is answered after the commit that holds its
 * rows. A replica under load so pays one transaction for many webhooks instead of one each. The
 * webhook stores on connections of its own (the {@code webhook} pool): however many turns the
 * workers have in flight, a webhook never waits for one of their connections.
 *
 * <p>Every message is stored on its own terms: routed to the number's tenant ({@code pending}), or
 * kept and never answered as {@code unroutable} (no tenant), {@code unattributable} (no identifier
 * of a customer) or {@code malformed} (unreadable), with the reason. Should PostgreSQL still refuse
 * one message for a reason the reading did not foresee, each delivery of that transaction is stored
 * alone, the refusing one message by message and the refused message as {@code malformed}, so it
 * never takes the others with it. Only a database that cannot be reached fails the delivery
 * (503, and Meta's retry can succeed).
 */
@ApplicationScoped
public class InboxService {

    private static final Logger LOG = Logger.getLogger(InboxService.class);
    /** Deliveries stored in one transaction at most; more wait for the next one. */
    static final int MAX_DELIVERIES_PER_TRANSACTION = 100;

    /** What one webhook came to. */
    public record Stored(int messages, int duplicates, int unroutable, int unattributable, int malformed,
            int erased, int statuses) {
    }

    private final TenantSql sql;
    private final NumberOwners owners;
    private final MeterRegistry metrics;
    private final DeliveryRows rows;
    private final GroupCommit<Delivery, Stored> together;
    private final ImmediateTurns turns;

    /** The webhook's own connections (a batch in flight at a time needs one; two cover its commit's overlap). */
    static final String POOL = "webhook";

    public InboxService(@ReactiveDataSource(POOL) Pool connections,
            @ConfigProperty(name = "liora.database.cross-tenant-role", defaultValue = "liora_cross_tenant")
            String crossTenantRole, NumberOwners owners, MeterRegistry metrics, DeliveryRows rows,
            ImmediateTurns turns, Vertx vertx) {
        this.sql = new TenantSql(connections, crossTenantRole);
        this.turns = turns;
        this.owners = owners;
        this.metrics = metrics;
        this.rows = rows;
        DistributionSummary batches = DistributionSummary.builder("liora.webhook.transaction.deliveries")
                .description("Webhook deliveries stored by one transaction").register(metrics);
        this.together = new GroupCommit<>(vertx, MAX_DELIVERIES_PER_TRANSACTION, this::storeTogether,
                batches::record);
    }

    /**
     * Stores one delivery, in the transaction of those that arrived while the last one committed;
     * should that transaction be refused for its data, this delivery is stored alone.
     */
    Uni<Stored> store(WebhookPayload payload) {
        Set<String> numbers = new LinkedHashSet<>();
        payload.messages().stream().filter(WebhookPayload.Message::routable)
                .forEach(m -> numbers.add(m.phoneNumberId()));
        payload.statuses().forEach(s -> numbers.add(s.phoneNumberId()));
        Map<String, Optional<TenantServiceApi.NumberOwner>> owned = new HashMap<>();
        Executor eventLoop = EventLoop.current();
        return Multi.createFrom().iterable(numbers)
                .onItem().transformToUniAndConcatenate(number -> owners.owner(number).invoke(o -> owned.put(number, o)))
                .collect().last()
                .emitOn(eventLoop)
                .chain(() -> {
                    Delivery delivery = new Delivery(payload, owned);
                    return delivery.empty() ? Uni.createFrom().item(new DeliveryRows.Tally().stored())
                            : together.submit(delivery).emitOn(eventLoop)
                                    .onFailure(InboxService::refusedData).recoverWithUni(e -> alone(delivery, e)
                                            .emitOn(eventLoop));
                })
                .invoke(stored -> {
                    count("stored", stored.messages());
                    count("duplicate", stored.duplicates());
                    count("unroutable", stored.unroutable());
                    count("unattributable", stored.unattributable());
                    count("malformed", stored.malformed());
                    count("erased", stored.erased());
                    if (payload.unreadableStatuses() > 0) {
                        metrics.counter("liora.webhook.statuses", "result", "malformed")
                                .increment(payload.unreadableStatuses());
                    }
                });
    }

    /**
     * The deliveries in one transaction; the messages it stored claimed for this replica are
     * answered once it commits ({@link ImmediateTurns}).
     */
    private Uni<List<Stored>> storeTogether(List<Delivery> deliveries) {
        int places = turns.reserve(deliveries.stream().mapToInt(d -> d.payload().messages().size()).sum());
        return sql.acrossTenants(connection -> rows.store(connection, deliveries, places))
                .onFailure().invoke(() -> turns.release(places))
                .map(stored -> {
                    turns.release(places - stored.claimed().size());
                    turns.answer(stored.claimed(), stored.leftForRounds());
                    return stored.tallies().stream().map(DeliveryRows.Tally::stored).toList();
                });
    }

    /** The delivery in a transaction of its own; refused again, message by message. */
    private Uni<Stored> alone(Delivery delivery, Throwable refusal) {
        LOG.infof("A transaction of webhook deliveries was refused (%s); storing them one at a time", refusal.toString());
        return sql.acrossTenants(connection -> rows.store(connection, List.of(delivery), 0))
                .map(stored -> stored.tallies().get(0).stored())
                .onFailure(InboxService::refusedData).recoverWithUni(e -> {
                    LOG.warnf("A delivery was refused as a whole (%s); storing its messages one by one", e.toString());
                    return oneByOne(delivery);
                });
    }

    /** Each message in a transaction of its own; one PostgreSQL still refuses is kept as malformed. */
    private Uni<Stored> oneByOne(Delivery delivery) {
        DeliveryRows.Tally tally = new DeliveryRows.Tally();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (WebhookPayload.Message message : delivery.payload().messages()) {
            Delivery single = new Delivery(new WebhookPayload(List.of(message), List.of(), 0, List.of()),
                    delivery.owners());
            chain = chain.chain(() -> sql.acrossTenants(connection -> rows.store(connection, List.of(single), 0))
                    .map(stored -> stored.tallies().get(0))
                    .onFailure(InboxService::refusedData).recoverWithUni(e -> sql.acrossTenants(connection ->
                            rows.refused(connection, message, sqlState(e)))
                            .map(result -> {
                                DeliveryRows.Tally refused = new DeliveryRows.Tally();
                                refused.add(result);
                                return refused;
                            }))
                    .invoke(tally::merge).replaceWithVoid());
        }
        // statuses are Meta's receipts of our own messages: stored together, as before
        Delivery statusesOnly = new Delivery(delivery.payload().statusesOnly(), delivery.owners());
        return chain.chain(() -> sql.acrossTenants(connection -> rows.store(connection, List.of(statusesOnly), 0)))
                .map(stored -> {
                    tally.merge(stored.tallies().get(0));
                    return tally.stored();
                });
    }

    /**
     * PostgreSQL refused the data (SQLSTATE classes 22 data exception, 23 integrity, 54 limits):
     * the same delivery would be refused on every retry, so it is stored message by message.
     */
    static boolean refusedData(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    private static String sqlState(Throwable failure) {
        return DatabaseErrors.sqlState(failure);
    }

    private void count(String result, int amount) {
        if (amount > 0) {
            metrics.counter("liora.webhook.messages", "result", result).increment(amount);
        }
    }
}
