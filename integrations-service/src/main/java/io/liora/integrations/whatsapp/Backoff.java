package io.liora.integrations.whatsapp;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Full-jitter exponential backoff: a random delay in [0, min(cap, base * 2^(attempt-1))]. */
final class Backoff {

    private Backoff() {
    }

    static Duration delay(int attempt, Duration base, Duration cap) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() * (1L << Math.min(Math.max(attempt - 1, 0), 30)));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
