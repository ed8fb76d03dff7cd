package io.liora.tenant.auth;

import io.liora.common.crypto.Sha256;
import io.liora.common.persistence.SqlValues;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Failed logins, counted per (e-mail, source) and per source in a window (login_failures). A
 * source that failed {@code max-failures} times for one e-mail, or {@code max-source-failures}
 * times for any, is answered 429 until the window passes; the account itself is never locked, so
 * its owner logs in from elsewhere while an attacker is held back. The e-mail is counted whether
 * or not an account has it: the answers never tell.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String UPSERT = """
            insert into login_failures (throttle_key, failures, window_started_at) values (:key, 1, :now)
            on conflict (throttle_key) do update set
                failures = case when login_failures.window_started_at <= :windowStart then 1
                                else login_failures.failures + 1 end,
                window_started_at = case when login_failures.window_started_at <= :windowStart then :now
                                         else login_failures.window_started_at end""";

    private final TenantTransactions tx;
    private final LoginConfig config;

    public LoginThrottle(TenantTransactions tx, LoginConfig config) {
        this.tx = tx;
        this.config = config;
    }

    /** The two counters of one try. */
    record Keys(String account, String source) {

        static Keys of(String normalizedEmail, String source) {
            return new Keys(Sha256.hex("account|" + normalizedEmail + "|" + source), Sha256.hex("source|" + source));
        }
    }

    /** Fails with 429 (and Retry-After) when this source is held back for this e-mail or for all. */
    Uni<Void> check(Keys keys) {
        Instant now = Instant.now();
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select throttle_key, failures, window_started_at from login_failures where throttle_key in (:keys)"
                        + " and window_started_at > :windowStart", Object[].class)
                .setParameter("keys", List.of(keys.account(), keys.source()))
                .setParameter("windowStart", now.minus(config.window())).getResultList()))
                .invoke(rows -> {
                    for (Object[] row : rows) {
                        int limit = keys.account().equals(row[0]) ? config.maxFailures() : config.maxSourceFailures();
                        if (((Number) row[1]).intValue() >= limit) {
                            Instant until = SqlValues.instant(row[2]).plus(config.window());
                            long retryAfter = Math.max(1, Duration.between(now, until).toSeconds());
                            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS,
                                    "Too many failed logins from here; try again later")
                                    .withHeader("Retry-After", String.valueOf(retryAfter));
                        }
                    }
                }).replaceWithVoid();
    }

    /** One failure more on both counters (atomic: concurrent failures all count); old rows go. */
    Uni<Void> failed(Keys keys) {
        Instant now = Instant.now();
        Instant windowStart = now.minus(config.window());
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("key", keys.account()).setParameter("now", now).setParameter("windowStart", windowStart)
                .executeUpdate()
                .chain(() -> session.createNativeQuery(UPSERT).setParameter("key", keys.source())
                        .setParameter("now", now).setParameter("windowStart", windowStart).executeUpdate())
                .chain(() -> session.createNativeQuery("delete from login_failures where window_started_at <= :windowStart")
                        .setParameter("windowStart", windowStart).executeUpdate())))
                .replaceWithVoid();
    }

    /** A successful login clears this e-mail's count from this source (not the source's own). */
    Uni<Void> succeeded(Keys keys) {
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "delete from login_failures where throttle_key = :key").setParameter("key", keys.account())
                .executeUpdate())).replaceWithVoid();
    }
}
