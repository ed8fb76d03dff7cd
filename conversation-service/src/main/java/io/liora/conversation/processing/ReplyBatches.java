package io.liora.conversation.processing;

import io.liora.common.problem.Problem;
import io.liora.common.work.TenantBatches;
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
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Queues turns' replies at integrations-service, the replies of a tenant's concurrent turns in one
 * call ({@code POST /messages/batch}, one transaction there): while a tenant's call is under way,
 * the turns that finish meanwhile wait and go together in the next ({@link TenantBatches}), so a
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
    /** A call is made with the tenant's header: one gatherer per tenant. */
    private final TenantBatches<List<OutgoingMessage>, List<BatchItem>> batches;

    public ReplyBatches(@RestClient IntegrationsApi integrations, Vertx vertx, MeterRegistry metrics) {
        this.integrations = integrations;
        DistributionSummary turnsPerCall = DistributionSummary.builder("liora.replies.call.turns")
                .description("Turns whose replies one call to integrations-service queued").register(metrics);
        // someone's reply spoiled the batch (a 4xx): each turn on its own
        this.batches = new TenantBatches<>(vertx, MAX_TURNS, this::queueTogether, Refusals::permanent,
                turnsPerCall::record);
    }

    /** Queues one turn's replies (at least one); answers each one's result, in order. */
    public Uni<List<BatchItem>> queue(UUID clienteId, List<OutgoingMessage> replies) {
        return batches.submit(clienteId, replies);
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
                // a turn alone refused for good: its replies are refused, and the turn finished with why
                .onFailure(refused -> turns.size() == 1 && Refusals.permanent(refused))
                .recoverWithItem(refused -> List.of(refusedAll(turns.get(0), Refusals.status(refused))));
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
