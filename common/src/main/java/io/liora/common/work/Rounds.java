package io.liora.common.work;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a worker's rounds: on a timer, and at once when woken; never two at a time in this process
 * (a wake during a round runs another right after it); again at once when a round was full. Each
 * round gets a context of its own ({@link IsolatedContexts}), so its Hibernate Reactive sessions are its own.
 */
public final class Rounds {

    private static final Logger LOG = Logger.getLogger(Rounds.class);

    private final Vertx vertx;
    private final String name;
    private final Supplier<Uni<Integer>> round;
    private final int fullRound;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /**
     * @param round     does one round; answers how much work it found
     * @param fullRound that much work means there is probably more: go again at once
     */
    public Rounds(Vertx vertx, String name, Supplier<Uni<Integer>> round, int fullRound) {
        this.vertx = vertx;
        this.name = name;
        this.round = round;
        this.fullRound = fullRound;
    }

    public void every(Duration interval) {
        vertx.setPeriodic(interval.toMillis(), id -> wake());
    }

    public void wake() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        IsolatedContexts.next(vertx).runOnContext(ignored ->
                round.get().subscribe().with(found -> finished(found >= fullRound), failure -> {
                    LOG.warnf(failure, "A %s round failed; the next one retries", name);
                    finished(false);
                }));
    }

    private void finished(boolean full) {
        running.set(false);
        if (again.getAndSet(false) || full) {
            wake();
        }
    }
}
