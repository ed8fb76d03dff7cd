package io.liora.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private final AtomicLong now = new AtomicLong(1_800_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(now.get());
        }
    };

    private static JsonWebToken expiringAt(long exp) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("u");
        claims.setExpirationTime(NumericDate.fromSeconds(exp));
        return new DefaultJWTCallerPrincipal(claims);
    }

    @Test
    void aVerifiedTokenIsRememberedUntilItExpires() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, 300, clock);
        JsonWebToken token = expiringAt(now.get() + 60);
        cache.put("a.b.c", token);
        assertThat(cache.get("a.b.c")).isSameAs(token);
        assertThat(cache.get("a.b.d")).as("another text is another token").isNull();
        now.addAndGet(59);
        assertThat(cache.get("a.b.c")).isSameAs(token);
        now.addAndGet(1);
        assertThat(cache.get("a.b.c")).as("expired: verified again").isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, 300, clock);
        cache.put("long", expiringAt(now.get() + 86_400));
        now.addAndGet(299);
        assertThat(cache.get("long")).isNotNull();
        now.addAndGet(1);
        assertThat(cache.get("long")).isNull();
    }

    @Test
    void anExpiredTokenIsNeverRememberedAndTheLeastRecentlyUsedLeavesFirst() {
        VerifiedTokenCache cache = new VerifiedTokenCache(2, 300, clock);
        cache.put("old", expiringAt(now.get() - 1)); // verified within the parser's clock skew
        assertThat(cache.get("old")).isNull();
        cache.put("one", expiringAt(now.get() + 60));
        cache.put("two", expiringAt(now.get() + 60));
        assertThat(cache.get("one")).isNotNull();
        cache.put("three", expiringAt(now.get() + 60));
        assertThat(cache.get("two")).isNull();
        assertThat(cache.get("one")).isNotNull();
        assertThat(cache.get("three")).isNotNull();
    }
}
