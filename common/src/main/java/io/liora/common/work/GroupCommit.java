package io.liora.common.work;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * Gathers concurrent requests into batches that are handled, and committed, together. At most one
 * batch is in flight; the requests that arrive meanwhile form the next one. So a request waits for
 * no timer: alone it goes at once, and under load each batch holds what arrived during the last
 * commit (a PostgreSQL transaction costs about the same for one row as for a hundred).
 *
 * <p>Each request's answer comes when its batch is done; a batch that fails fails each of its
 * requests with that failure, and the caller decides what to do alone (the next batch goes on).
 *
 * @param <T> a request
 * @param <R> its answer
 */
public final class GroupCommit<T, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private final Vertx vertx;
    private final int maxBatch;
    private final Function<List<T>, Uni<List<R>>> handler;
    private final IntConsumer batchSizes;
    private final ArrayDeque<Waiting<T, R>> waiting = new ArrayDeque<>();
    private boolean inFlight;

    /**
     * @param maxBatch   at most this many requests in one batch
     * @param handler    handles a batch, on a Vert.x context of its own; answers one result per
     *                   request, in their order
     * @param batchSizes told the size of every batch that starts
     */
    public GroupCommit(Vertx vertx, int maxBatch, Function<List<T>, Uni<List<R>>> handler, IntConsumer batchSizes) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.vertx = vertx;
        this.maxBatch = maxBatch;
        this.handler = handler;
        this.batchSizes = batchSizes;
    }

    /** Handles {@code request} in the next batch; its answer arrives on the batch's context. */
    public Uni<R> submit(T request) {
        return Uni.createFrom().emitter(emitter -> {
            boolean start;
            synchronized (this) {
                waiting.add(new Waiting<>(request, emitter));
                start = !inFlight;
                inFlight = true;
            }
            if (start) {
                next();
            }
        });
    }

    private void next() {
        List<Waiting<T, R>> batch = new ArrayList<>();
        synchronized (this) {
            while (batch.size() < maxBatch && !waiting.isEmpty()) {
                batch.add(waiting.poll());
            }
            if (batch.isEmpty()) {
                inFlight = false;
                return;
            }
        }
        batchSizes.accept(batch.size());
        List<T> requests = batch.stream().map(Waiting::request).toList();
        IsolatedContexts.run(vertx, () -> handler.apply(requests)).subscribe().with(results -> {
            try {
                if (results.size() != batch.size()) {
                    failAll(batch, new IllegalStateException(
                            "a batch of " + batch.size() + " answered " + results.size() + " results"));
                } else {
                    for (int i = 0; i < batch.size(); i++) {
                        answer(batch.get(i), results.get(i), null);
                    }
                }
            } finally {
                next();
            }
        }, failure -> {
            try {
                failAll(batch, failure);
            } finally {
                next();
            }
        });
    }

    private static <T, R> void failAll(List<Waiting<T, R>> batch, Throwable failure) {
        batch.forEach(waiting -> answer(waiting, null, failure));
    }

    /** A waiter's own continuation that throws must not keep the others (or the next batch) waiting. */
    private static <T, R> void answer(Waiting<T, R> waiting, R result, Throwable failure) {
        try {
            if (failure == null) {
                waiting.emitter().complete(result);
            } else {
                waiting.emitter().fail(failure);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "A caller's continuation failed after its batch was done");
        }
    }

    private record Waiting<T, R>(T request, UniEmitter<? super R> emitter) {
    }
}
