package io.liora.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Trouble on demand, for tests and benchmarks: shares of Meta's throttling (130429), pair-rate
 * (131056) and server errors, added latency, dropped connections, late or duplicated status
 * webhooks.
 */
@ApplicationScoped
public class Faults {

    /** The fault settings; shares from 0 to 1. */
    public record Settings(double throttleShare, double pairLimitShare, double serverErrorShare, double dropShare,
            int latencyMs, int statusDelayMs, boolean duplicateStatuses) {

        static final Settings NONE = new Settings(0, 0, 0, 0, 0, 0, false);
    }

    /** What to do to one Graph API call. */
    public enum Injected { NONE, THROTTLE, PAIR_LIMIT, SERVER_ERROR, DROP }

    private volatile Settings settings = Settings.NONE;

    public Settings settings() {
        return settings;
    }

    public void set(Settings settings) {
        this.settings = settings == null ? Settings.NONE : settings;
    }

    public Injected next() {
        Settings s = settings;
        double roll = ThreadLocalRandom.current().nextDouble();
        if ((roll -= s.dropShare()) < 0) {
            return Injected.DROP;
        }
        if ((roll -= s.throttleShare()) < 0) {
            return Injected.THROTTLE;
        }
        if ((roll -= s.pairLimitShare()) < 0) {
            return Injected.PAIR_LIMIT;
        }
        if ((roll -= s.serverErrorShare()) < 0) {
            return Injected.SERVER_ERROR;
        }
        return Injected.NONE;
    }
}
