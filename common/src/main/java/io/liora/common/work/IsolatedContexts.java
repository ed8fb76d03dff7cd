package io.liora.common.work;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import java.util.function.Supplier;

/**
 * Fresh Vert.x contexts for background work. Hibernate Reactive keeps one session per context, so
 * pieces of work that run at the same time must each have a context of their own; taking each from
 * the next event loop also spreads their CPU over the cores instead of one thread.
 */
public final class IsolatedContexts {

    private IsolatedContexts() {
    }

    /** A new duplicated context on the next event loop, flagged safe (Hibernate Reactive requires it). */
    public static Context next(Vertx vertx) {
        Context context = VertxContext.createNewDuplicatedContext(((VertxInternal) vertx).createEventLoopContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }

    /** Runs {@code work} on a context of its own; its result arrives on that context. */
    public static <T> Uni<T> run(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = next(vertx);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> {
            try {
                work.get().subscribe().with(emitter::complete, emitter::fail);
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }));
    }
}
