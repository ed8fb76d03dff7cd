package io.liora.integrations.whatsapp;

import io.liora.common.persistence.TenantSql;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
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

    private static final String ENSURE = """
            insert into send_rates (phone_number_id, rate, ceiling, tokens)
            values ($1, $2, $2, $2)
            on conflict (phone_number_id) do update set ceiling = excluded.ceiling""";
    /** Refill and additive increase, then answer the tokens available (row locked until commit). */
    private static final String REFILL = """
            update send_rates set
                rate = least(ceiling, rate + floor(extract(epoch from now() - clean_since))),
                clean_since = clean_since + make_interval(secs => floor(extract(epoch from now() - clean_since))),
                tokens = least(least(ceiling, rate + floor(extract(epoch from now() - clean_since))),
                               tokens + rate * extract(epoch from now() - refilled_at)),
                refilled_at = now()
            where phone_number_id = $1
            returning tokens, rate""";
    private static final String TAKE = "update send_rates set tokens = tokens - $2 where phone_number_id = $1";
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
     * How many of {@code wanted} messages the number may send now; takes those tokens. Runs on the
     * sender's cross-tenant transaction ({@code connection}); the bucket is made and refilled in
     * one write.
     */
    public Future<Integer> grant(SqlConnection connection, String phoneNumberId, int wanted) {
        double ceiling = ceiling(phoneNumberId);
        Future<?> ensured = connection.preparedQuery(ENSURE).execute(Tuple.of(phoneNumberId, ceiling));
        Future<RowSet<Row>> refilled = connection.preparedQuery(REFILL).execute(Tuple.of(phoneNumberId));
        return Future.all(ensured, refilled).compose(both -> {
            Row bucket = refilled.result().iterator().next();
            currentRate(phoneNumberId).set(bucket.getDouble(1));
            int granted = (int) Math.min(wanted, Math.floor(bucket.getDouble(0)));
            if (granted <= 0) {
                return Future.succeededFuture(0);
            }
            return connection.preparedQuery(TAKE).execute(Tuple.of(phoneNumberId, (double) granted))
                    .map(taken -> granted);
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
