package io.liora.conversation.handoff;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Handoffs as Prometheus sees them, by tenant: asked for (and why), assigned, time to the first
 * human answer, released (by a person or idle), by agent where one acted.
 */
@ApplicationScoped
public class HandoffMetrics {

    private final MeterRegistry metrics;

    public HandoffMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public void recorded(HandoffEvent event) {
        String tenant = event.clienteId.toString();
        String agent = event.agentId == null ? "none" : event.agentId.toString();
        switch (event.kind) {
            case HandoffEvent.REQUESTED -> metrics.counter("liora.handoffs", "tenant", tenant, "reason", event.reason)
                    .increment();
            case HandoffEvent.ASSIGNED -> metrics.counter("liora.handoffs.assigned", "tenant", tenant, "agent", agent)
                    .increment();
            case HandoffEvent.FIRST_REPLY -> Timer.builder("liora.handoffs.first.reply").tag("tenant", tenant)
                    .tag("agent", agent).publishPercentiles(0.5, 0.95).register(metrics)
                    .record(Duration.ofSeconds(event.seconds));
            case HandoffEvent.RELEASED -> metrics.counter("liora.handoffs.released", "tenant", tenant, "agent", agent,
                    "reason", event.reason).increment();
            default -> {
            }
        }
    }
}
