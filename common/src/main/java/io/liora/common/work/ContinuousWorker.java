package io.liora.common.work;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;

/**
 * Keeps up to {@code capacity} items of work in flight, claiming more as they finish, instead of
 * rounds that each wait for their slowest item before the next claim. A claim asks for the free
 * places; it runs when woken, on a timer, and after an item finishes (finishing can free more work,
 * e.g. a contact's next message), never two at a time in this process. An idle worker claims at
 * once; a busy one at most once per {@code claimGap}, and only once a quarter of its places are
 * free, so that under load claims stay batches and not one per item.
 *
 * <p>Each claim and each item runs on a Vert.x context of its own ({@link IsolatedContexts}), so
 * their Hibernate Reactive sessions are their own. An item's failure is its own: the worker logs it
 * and goes on (the item's lease, or the caller's own retry, brings it back).
 *
 * @param <T> a claimed item
 */
public final class ContinuousWorker<T> {

    private static final Logger LOG = Logger.getLogger(ContinuousWorker.class);

    private final Vertx vertx;
    private final String name;
    private final int capacity;
    private final int minimumClaim;
    private final long claimGapNanos;
    private final IntFunction<Uni<List<T>>> claim;
    private final Function<T, Uni<Void>> work;
    private int inFlight;
    private boolean claiming;
    /** Whether there may be work to claim: woken, or something finished, since the last claim began. */
    private boolean wanted;
    private long lastClaimStarted;
    private boolean timerSet;

    /**
     * @param capacity at most this many items in flight
     * @param claimGap while items are in flight, at least this long between the starts of two claims
     * @param claim    claims at most the given number of items (and may answer fewer)
     * @param work     does one item
     */
    public ContinuousWorker(Vertx vertx, String name, int capacity, Duration claimGap,
            IntFunction<Uni<List<T>>> claim, Function<T, Uni<Void>> work) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.vertx = vertx;
        this.name = name;
        this.capacity = capacity;
        this.minimumClaim = Math.max(1, capacity / 4);
        this.claimGapNanos = claimGap.toNanos();
        this.claim = claim;
        this.work = work;
    }

    public void every(Duration interval) {
        vertx.setPeriodic(interval.toMillis(), id -> wake());
    }

    /** There may be new work: claims it now if places are free, or as soon as they are. */
    public void wake() {
        synchronized (this) {
            wanted = true;
        }
        claimIfDue();
    }

    /** Items in flight now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    private void claimIfDue() {
        int free;
        synchronized (this) {
            free = capacity - inFlight;
            if (claiming || !wanted || free == 0) {
                return;
            }
            long now = System.nanoTime();
            if (inFlight > 0) {
                if (free < minimumClaim) {
                    return; // an item that finishes comes back here
                }
                long wait = lastClaimStarted + claimGapNanos - now;
                if (wait > 0) {
                    if (!timerSet) {
                        timerSet = true;
                        vertx.setTimer(Duration.ofNanos(wait).toMillis() + 1, id -> afterGap());
                    }
                    return;
                }
            }
            claiming = true;
            wanted = false;
            lastClaimStarted = now;
        }
        IsolatedContexts.run(vertx, () -> claim.apply(free)).subscribe().with(this::start, failure -> {
            LOG.warnf(failure, "A %s claim failed; the next wake-up retries", name);
            synchronized (this) {
                claiming = false;
            }
            claimIfDue(); // only a wake-up that came during the failed claim claims again now
        });
    }

    private void afterGap() {
        synchronized (this) {
            timerSet = false;
        }
        claimIfDue();
    }

    private void start(List<T> items) {
        synchronized (this) {
            claiming = false;
            inFlight += items.size();
            if (!items.isEmpty()) {
                // a claim that found work may have left more behind (it was asked for no more than the free places)
                wanted = true;
            }
        }
        for (T item : items) {
            IsolatedContexts.run(vertx, () -> work.apply(item)).subscribe().with(
                    done -> finished(),
                    failure -> {
                        LOG.warnf(failure, "A %s item failed", name);
                        finished();
                    });
        }
        claimIfDue();
    }

    private void finished() {
        synchronized (this) {
            inFlight--;
            wanted = true;
        }
        claimIfDue();
    }
}
