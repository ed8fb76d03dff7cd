package io.liora.common.persistence;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * Hibernate Reactive must be used on the Vert.x context that opened the session, but a REST
 * client's or fault tolerance's answer may arrive on another thread. Capture the context before a
 * remote call and {@code emitOn} this executor after it, before touching the database again.
 */
public final class EventLoop {

    private EventLoop() {
    }

    /** Runs tasks on the current Vert.x context (call it on that context). */
    public static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("Not on a Vert.x context");
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
