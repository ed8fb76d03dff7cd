package io.liora.conversation.processing;

import io.liora.common.problem.Problem;
import io.liora.common.work.GroupCommit;
import io.liora.conversation.clients.IntegrationsApi;
import io.liora.conversation.clients.IntegrationsApi.BatchItem;
import io.liora.conversation.clients.IntegrationsApi.OutgoingMessage;
import io.liora.conversation.clients.Refusals;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Queues turns' replies at integrations-service, the replies of a tenant's concurrent turns in one
 * call ({@code POST /messages/batch}, one transaction there): while a tenant's call is under way,
 * the turns that finish meanwhile wait and go together in the next ({@link GroupCommit}), so a
 * turn alone goes at once and a busy tenant pays one call for many turns. Each turn gets its own
 * replies' results, in order. A batch refused as a whole for its content (a 4xx: one turn's reply
 * that integrations-service finds invalid) is sent again turn by turn, so that one turn's bad reply
 * refuses only that turn's.
 */
@ApplicationScoped
public class ReplyBatches {

    /** Turns in one call at most; a call carries at most {@link #MAX_MESSAGES} messages. */
    static final int MAX_TURNS = 32;
    static final int MAX_MESSAGES = 100;

    private final IntegrationsApi integrations;
    private final Vertx vertx;
    private final DistributionSummary turnsPerCall;
    /** One gatherer per tenant (a call is made with the tenant's header): a deque and a flag each. */
    private final Map<UUID, GroupCommit<List<OutgoingMessage>, List<BatchItem>>> byTenant = new ConcurrentHashMap<>();

    public ReplyBatches(@RestClient IntegrationsApi integrations, Vertx vertx, MeterRegistry metrics) {
        this.integrations = integrations;
        this.vertx = vertx;
        this.turnsPerCall = DistributionSummary.builder("liora.replies.call.turns")
                .description("Turns whose replies one call to integrations-service queued").register(metrics);
    }

    /** Queues one turn's replies (at least one); answers each one's result, in order. */
    public Uni<List<BatchItem>> queue(UUID clienteId, List<OutgoingMessage> replies) {
        return byTenant.computeIfAbsent(clienteId, tenant -> new GroupCommit<>(vertx, MAX_TURNS,
                turns -> queueTogether(tenant, turns), turnsPerCall::record)).submit(replies);
    }

    /** The turns' replies in calls of at most {@link #MAX_MESSAGES} messages, one after the other. */
    private Uni<List<List<BatchItem>>> queueTogether(UUID clienteId, List<List<OutgoingMessage>> turns) {
        List<List<List<OutgoingMessage>>> calls = new ArrayList<>();
        int messages = MAX_MESSAGES;
        for (List<OutgoingMessage> turn : turns) {
            if (messages + turn.size() > MAX_MESSAGES) {
                calls.add(new ArrayList<>());
                messages = 0;
            }
            calls.get(calls.size() - 1).add(turn);
            messages += turn.size();
        }
        return Multi.createFrom().iterable(calls).onItem().transformToUniAndConcatenate(call -> queueInOneCall(clienteId, call))
                .collect().asList().map(results -> results.stream().flatMap(List::stream).toList());
    }

    private Uni<List<List<BatchItem>>> queueInOneCall(UUID clienteId, List<List<OutgoingMessage>> turns) {
        List<OutgoingMessage> all = turns.stream().flatMap(List::stream).toList();
        return integrations.sendAll(clienteId.toString(), new IntegrationsApi.OutgoingBatch(all))
                .map(result -> perTurn(turns, result.results()))
                .onFailure(Refusals::permanent).recoverWithUni(refused -> turns.size() == 1
                        ? Uni.createFrom().item(List.of(refusedAll(turns.get(0), Refusals.status(refused))))
                        // someone's reply spoiled the batch: each turn on its own
                        : Multi.createFrom().iterable(turns).onItem()
                                .transformToUniAndConcatenate(turn -> queueInOneCall(clienteId, List.of(turn)))
                                .collect().asList().map(results -> results.stream().flatMap(List::stream).toList()));
    }

    private static List<List<BatchItem>> perTurn(List<List<OutgoingMessage>> turns, List<BatchItem> results) {
        int expected = turns.stream().mapToInt(List::size).sum();
        if (results == null || results.size() != expected) {
            throw new IllegalStateException("integrations-service answered " + (results == null ? 0 : results.size())
                    + " results for " + expected + " messages");
        }
        List<List<BatchItem>> perTurn = new ArrayList<>();
        int next = 0;
        for (List<OutgoingMessage> turn : turns) {
            perTurn.add(results.subList(next, next + turn.size()));
            next += turn.size();
        }
        return perTurn;
    }

    private static List<BatchItem> refusedAll(List<OutgoingMessage> turn, int status) {
        Problem problem = new Problem(null, "Refused", status, null, null, null);
        return turn.stream().map(reply -> new BatchItem(null, null, problem)).toList();
    }
}
