package io.liora.integrations.whatsapp;

import io.liora.common.persistence.TenantSql;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Throughput per sending number, across replicas: a token bucket in {@code send_rates} holding at
 * most one second of the number's current rate. The current rate follows AIMD: Meta's 130429
 * (throughput limit) halves it, and every clean second adds one message/s back, up to the
 * ceiling (80/s by default; 1,000/s for upgraded numbers, by configuration). A grant runs inside
 * the sender's cross-tenant transaction, whose row lock serialises replicas per number.
 */
@ApplicationScoped
public class RateGovernor {

    /**
     * Makes the number's bucket (full) or refills it (and adds back one message/s per clean second),
     * then takes up to {@code $3} whole tokens: one write, whose row lock holds until commit. The
     * bucket's available tokens, {@code available}, are spelled out twice below (SQL has no local names).
     */
    private static final String GRANT = """
            insert into send_rates as s (phone_number_id, rate, ceiling, tokens, granted)
            values ($1, $2, $2, $2 - least($3, floor($2)), least($3, floor($2)))
            on conflict (phone_number_id) do update set
                ceiling = excluded.ceiling,
                rate = least(excluded.ceiling, s.rate + floor(extract(epoch from now() - s.clean_since))),
                clean_since = s.clean_since + make_interval(secs => floor(extract(epoch from now() - s.clean_since))),
                tokens = least(least(excluded.ceiling, s.rate + floor(extract(epoch from now() - s.clean_since))),
                               s.tokens + s.rate * extract(epoch from now() - s.refilled_at))
                         - least($3, greatest(0, floor(least(
                               least(excluded.ceiling, s.rate + floor(extract(epoch from now() - s.clean_since))),
                               s.tokens + s.rate * extract(epoch from now() - s.refilled_at))))),
                granted = least($3, greatest(0, floor(least(
                              least(excluded.ceiling, s.rate + floor(extract(epoch from now() - s.clean_since))),
                              s.tokens + s.rate * extract(epoch from now() - s.refilled_at))))),
                refilled_at = now()
            returning granted, rate""";
    private static final String HALVE = """
            update send_rates set rate = greatest(1, rate / 2), tokens = least(tokens, greatest(1, rate / 2)),
                                  clean_since = now()
            where phone_number_id = $1""";

    private final TenantSql sql;
    private final WhatsAppConfig config;
    private final MeterRegistry metrics;
    private final Map<String, AtomicReference<Double>> rates = new ConcurrentHashMap<>();

    public RateGovernor(TenantSql sql, WhatsAppConfig config, MeterRegistry metrics) {
        this.sql = sql;
        this.config = config;
        this.metrics = metrics;
    }

    /** The gauge {@code liora.whatsapp.rate{phone_number_id}}: messages/s the number may send now. */
    private AtomicReference<Double> currentRate(String phoneNumberId) {
        return rates.computeIfAbsent(phoneNumberId, number -> {
            AtomicReference<Double> rate = new AtomicReference<>(ceiling(number));
            metrics.gauge("liora.whatsapp.rate", Tags.of("phone_number_id", number), rate, AtomicReference::get);
            return rate;
        });
    }

    /**
     * How many of {@code wanted} messages the number may send now; takes those tokens. Runs in the
     * caller's transaction ({@code connection}): the round's, or the one that queued the messages.
     */
    public Future<Integer> grant(SqlConnection connection, String phoneNumberId, int wanted) {
        return connection.preparedQuery(GRANT).execute(Tuple.of(phoneNumberId, ceiling(phoneNumberId), (double) wanted))
                .map(rows -> {
                    Row bucket = rows.iterator().next();
                    currentRate(phoneNumberId).set(bucket.getDouble(1));
                    return bucket.getInteger(0);
                });
    }

    /** Meta said the number sends too fast (130429): halve its rate (multiplicative decrease). */
    public Uni<Void> throttled(String phoneNumberId) {
        return sql.acrossTenants(HALVE, Tuple.of(phoneNumberId)).replaceWithVoid();
    }

    double ceiling(String phoneNumberId) {
        Map<String, Integer> upgraded = config.ceilings();
        return upgraded.getOrDefault(phoneNumberId, config.defaultCeiling());
    }
}
