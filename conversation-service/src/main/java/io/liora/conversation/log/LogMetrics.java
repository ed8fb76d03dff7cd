package io.liora.conversation.log;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shape of {@code GET /clientes/{id}/metrics}. */
final class LogMetrics {

    private LogMetrics() {
    }

    static Map<String, Object> of(Instant from, Instant to, Object[] totals, List<Object[]> intents, Object[] contacts) {
        long in = ((Number) totals[0]).longValue();
        long out = ((Number) totals[1]).longValue();
        long unmatched = ((Number) totals[2]).longValue();
        Map<String, Long> perIntent = new LinkedHashMap<>();
        intents.forEach(row -> perIntent.put(String.valueOf(row[0]), ((Number) row[1]).longValue()));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("from", from.toString());
        metrics.put("to", to.toString());
        metrics.put("messages_in", in);
        metrics.put("messages_out", out);
        metrics.put("per_intent", perIntent);
        metrics.put("no_match_rate", in == 0 ? 0.0 : (double) unmatched / in);
        metrics.put("latency_ms_p50", totals[3] == null ? null : ((Number) totals[3]).doubleValue());
        metrics.put("latency_ms_p95", totals[4] == null ? null : ((Number) totals[4]).doubleValue());
        // consent: contacts now, and the opt-outs and opt-ins of the period
        metrics.put("contacts", ((Number) contacts[0]).longValue());
        metrics.put("contacts_opted_out", ((Number) contacts[1]).longValue());
        metrics.put("opt_outs", perIntent.getOrDefault(io.liora.conversation.router.Intent.OPT_OUT, 0L));
        metrics.put("opt_ins", perIntent.getOrDefault(io.liora.conversation.router.Intent.OPT_IN, 0L));
        return metrics;
    }
}
