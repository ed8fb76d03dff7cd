package io.liora.common.work;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * A tenant's concurrent requests handled together ({@link GroupCommit}, one per tenant: a
 * transaction or a call sees one tenant), each answered its own result. A batch that fails for a
 * reason {@code alone} accepts is handled again request by request, so one request's trouble fails
 * only that request; any other failure fails the batch's requests (a database or a service that is
 * down fails each of them alike).
 *
 * @param <T> a request
 * @param <R> its result
 */
public final class TenantBatches<T, R> {

    /** Handles one tenant's batch; answers one result per request, in their order. */
    @FunctionalInterface
    public interface Handler<T, R> {
        Uni<List<R>> handle(UUID tenant, List<T> requests);
    }

    private final Vertx vertx;
    private final int maxBatch;
    private final Handler<T, R> handler;
    private final Predicate<Throwable> alone;
    private final IntConsumer sizes;
    /** A deque and a flag per tenant. */
    private final Map<UUID, GroupCommit<T, Result<R>>> byTenant = new ConcurrentHashMap<>();

    /**
     * @param alone which failures of a batch of several are handled again request by request
     * @param sizes told the size of every batch that starts
     */
    public TenantBatches(Vertx vertx, int maxBatch, Handler<T, R> handler, Predicate<Throwable> alone,
            IntConsumer sizes) {
        this.vertx = vertx;
        this.maxBatch = maxBatch;
        this.handler = handler;
        this.alone = alone;
        this.sizes = sizes;
    }

    /** Handles {@code request} with the tenant's next batch; its answer arrives on the batch's context. */
    public Uni<R> submit(UUID tenant, T request) {
        return byTenant.computeIfAbsent(tenant, id -> new GroupCommit<>(vertx, maxBatch, batch -> handle(id, batch),
                        sizes))
                .submit(request)
                .map(result -> {
                    if (result.failure() != null) {
                        throw result.failure() instanceof RuntimeException e ? e : new IllegalStateException(result.failure());
                    }
                    return result.value();
                });
    }

    private Uni<List<Result<R>>> handle(UUID tenant, List<T> batch) {
        return handler.handle(tenant, batch)
                .map(results -> results.stream().map(value -> new Result<R>(value, null)).toList())
                .onFailure().recoverWithUni(failure -> batch.size() > 1 && alone.test(failure)
                        ? Multi.createFrom().iterable(batch)
                                .onItem().transformToUniAndConcatenate(request -> handle(tenant, List.of(request)))
                                .collect().asList().map(each -> each.stream().flatMap(List::stream).toList())
                        : Uni.createFrom().item(batch.stream().map(request -> new Result<R>(null, failure)).toList()));
    }

    /** One request's result, or why its batch failed. */
    private record Result<R>(R value, Throwable failure) {
    }
}
