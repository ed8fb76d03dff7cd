package io.liora.common.security;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens whose signature and claims were already verified, by their exact text, until they
 * expire (at most {@code maxAge} seconds): the same bearer token on every call of a service or a
 * console costs one RS256 verification, not one per request. Bounded; the least recently used leaves
 * first. Only successes are kept: a refused token is refused again with the same work, and a revoked
 * one is the revocation filter's, which sees every request.
 */
final class VerifiedTokenCache {

    private record Verified(JsonWebToken token, long until) {
    }

    private final Clock clock;
    private final long maxAgeSeconds;
    private final Map<String, Verified> byText;

    VerifiedTokenCache(int capacity, long maxAgeSeconds, Clock clock) {
        this.clock = clock;
        this.maxAgeSeconds = maxAgeSeconds;
        this.byText = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The verified token, or null when it was never verified here or has expired since. */
    synchronized JsonWebToken get(String text) {
        Verified verified = byText.get(text);
        if (verified == null) {
            return null;
        }
        if (clock.instant().getEpochSecond() >= verified.until()) {
            byText.remove(text);
            return null;
        }
        return verified.token();
    }

    /** Remembers a token just verified, until its {@code exp} or {@code maxAge} from now, whichever is first. */
    synchronized void put(String text, JsonWebToken token) {
        long now = clock.instant().getEpochSecond();
        long until = Math.min(token.getExpirationTime(), now + maxAgeSeconds);
        if (until > now) {
            byText.put(text, new Verified(token, until));
        }
    }

    synchronized int size() {
        return byText.size();
    }
}
