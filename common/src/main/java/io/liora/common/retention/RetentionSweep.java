package io.liora.common.retention;

import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Removes what is older than each tenant's retention window, the same way in every service: each
 * {@link Step} is one statement that deletes or redacts at most {@code :batch} rows of one tenant
 * older than {@code :cutoff} (rows chosen with {@code for update skip locked}, so replicas sweeping
 * at once never wait on each other), in a transaction of its own, repeated while batches come back
 * full. Locks are held for one batch only.
 */
public final class RetentionSweep {

    /** One statement with {@code :cliente}, {@code :cutoff} and {@code :batch}; answers the rows it changed. */
    public record Step(String table, String action, String sql) {
    }

    /** A tenant's window, as tenant-service gives it. */
    public record Window(UUID clienteId, int retentionDays) {
    }

    /** A sweep that stops early leaves the rest to the next one. */
    private static final int MAX_BATCHES_PER_STEP = 200;

    private final TenantTransactions tx;
    private final List<Step> steps;
    private final int batch;
    private final BiConsumer<Step, Integer> removed;

    /** @param removed told how many rows each batch changed (a metric) */
    public RetentionSweep(TenantTransactions tx, List<Step> steps, int batch, BiConsumer<Step, Integer> removed) {
        this.tx = tx;
        this.steps = List.copyOf(steps);
        this.batch = batch;
        this.removed = removed;
    }

    /** Every tenant's steps; answers how many rows were changed in all. */
    public Uni<Integer> sweep(List<Window> windows, Instant now) {
        Executor eventLoop = EventLoop.current();
        return Multi.createFrom().iterable(windows)
                .onItem().transformToUniAndConcatenate(window -> tenant(window, now).emitOn(eventLoop))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> tenant(Window window, Instant now) {
        Instant cutoff = now.minus(Duration.ofDays(Math.max(1, window.retentionDays())));
        Executor eventLoop = EventLoop.current();
        return Multi.createFrom().iterable(steps)
                .onItem().transformToUniAndConcatenate(step -> step(window.clienteId(), step, cutoff, 0, 0)
                        .emitOn(eventLoop))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> step(UUID clienteId, Step step, Instant cutoff, int batches, int total) {
        Executor eventLoop = EventLoop.current();
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> session.createNativeQuery(step.sql())
                        .setParameter("cliente", clienteId).setParameter("cutoff", cutoff)
                        .setParameter("batch", batch).executeUpdate()))
                .emitOn(eventLoop)
                .chain(changed -> {
                    if (changed > 0) {
                        removed.accept(step, changed);
                    }
                    return changed < batch || batches + 1 >= MAX_BATCHES_PER_STEP
                            ? Uni.createFrom().item(total + changed)
                            : step(clienteId, step, cutoff, batches + 1, total + changed);
                });
    }
}
