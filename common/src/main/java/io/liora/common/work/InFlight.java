package io.liora.common.work;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on work under way in this process: places are reserved before work is taken (so two
 * takers at once cannot pass the bound together) and given back, those not used at once, the
 * others as each piece of work ends.
 */
public final class InFlight {

    private final int limit;
    private final AtomicInteger taken = new AtomicInteger();

    public InFlight(int limit) {
        this.limit = limit;
    }

    /** Reserves up to {@code wanted} places; answers how many it got (none when the bound is reached). */
    public int reserve(int wanted) {
        while (wanted > 0) {
            int now = taken.get();
            int granted = Math.min(wanted, limit - now);
            if (granted <= 0) {
                return 0;
            }
            if (taken.compareAndSet(now, now + granted)) {
                return granted;
            }
        }
        return 0;
    }

    /** Gives back {@code count} places. */
    public void release(int count) {
        if (count > 0) {
            taken.addAndGet(-count);
        }
    }

    /** Places taken now. */
    public int taken() {
        return taken.get();
    }
}
