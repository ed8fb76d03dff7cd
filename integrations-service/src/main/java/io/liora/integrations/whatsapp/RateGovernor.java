package io.liora.integrations.whatsapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Throughput per sending number, across replicas: a token bucket in {@code send_rates} holding at
 * most one second of the number's current rate. The current rate follows AIMD: Meta's 130429
 * (throughput limit) halves it, and every clean second adds one message/s back, up to the
 * ceiling (80/s by default; 1,000/s for upgraded numbers, by configuration). Must run inside the
 * sender's cross-tenant transaction, whose row lock serialises replicas per number.
 */
@ApplicationScoped
public class RateGovernor {

    private static final String ENSURE = """
            insert into send_rates (phone_number_id, rate, ceiling, tokens)
            values (:number, :ceiling, :ceiling, :ceiling)
            on conflict (phone_number_id) do update set ceiling = excluded.ceiling""";
    /** Refill and additive increase, then answer the tokens available (row locked until commit). */
    private static final String REFILL = """
            update send_rates set
                rate = least(ceiling, rate + floor(extract(epoch from now() - clean_since))),
                clean_since = clean_since + make_interval(secs => floor(extract(epoch from now() - clean_since))),
                tokens = least(least(ceiling, rate + floor(extract(epoch from now() - clean_since))),
                               tokens + rate * extract(epoch from now() - refilled_at)),
                refilled_at = now()
            where phone_number_id = :number
            returning tokens, rate""";
    private static final String TAKE = "update send_rates set tokens = tokens - :taken where phone_number_id = :number";
    private static final String HALVE = """
            update send_rates set rate = greatest(1, rate / 2), tokens = least(tokens, greatest(1, rate / 2)),
                                  clean_since = now()
            where phone_number_id = :number""";

    private final WhatsAppConfig config;
    private final MeterRegistry metrics;
    private final Map<String, AtomicReference<Double>> rates = new ConcurrentHashMap<>();

    public RateGovernor(WhatsAppConfig config, MeterRegistry metrics) {
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

    /** How many of {@code wanted} messages the number may send now; takes those tokens. */
    public Uni<Integer> grant(String phoneNumberId, int wanted) {
        double ceiling = ceiling(phoneNumberId);
        return Panache.getSession().chain(session -> session.createNativeQuery(ENSURE)
                .setParameter("number", phoneNumberId).setParameter("ceiling", ceiling).executeUpdate()
                .chain(() -> session.createNativeQuery(REFILL, Object[].class).setParameter("number", phoneNumberId)
                        .getSingleResult())
                .chain(bucket -> {
                    double tokens = ((Number) bucket[0]).doubleValue();
                    currentRate(phoneNumberId).set(((Number) bucket[1]).doubleValue());
                    int granted = (int) Math.min(wanted, Math.floor(tokens));
                    if (granted <= 0) {
                        return Uni.createFrom().item(0);
                    }
                    return session.createNativeQuery(TAKE).setParameter("taken", (double) granted)
                            .setParameter("number", phoneNumberId).executeUpdate().replaceWith(granted);
                }));
    }

    /** Meta said the number sends too fast (130429): halve its rate (multiplicative decrease). */
    public Uni<Void> throttled(String phoneNumberId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(HALVE)
                .setParameter("number", phoneNumberId).executeUpdate()).replaceWithVoid();
    }

    double ceiling(String phoneNumberId) {
        Map<String, Integer> upgraded = config.ceilings();
        return upgraded.getOrDefault(phoneNumberId, config.defaultCeiling());
    }
}
