package io.liora.conversation.handoff;

import io.liora.common.persistence.SqlValues;
import io.liora.common.persistence.TenantTransactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant's handoff figures over a period, from handoff_events. */
@ApplicationScoped
public class HandoffFigures {

    /** Per agent: taken, first answers (and how fast, median), given back. */
    public record AgentFigures(UUID agentId, long assigned, long firstReplies, Double firstReplyP50Seconds,
            long released) {
    }

    /**
     * @param requested handoffs asked for, by reason (asked: the customer; backoff: not understood; agent: staff took it)
     * @param released  conversations given back, by reason (agent, idle)
     */
    public record Figures(Instant from, Instant to, Map<String, Long> requested, long assigned, long firstReplies,
            Double firstReplyP50Seconds, Double firstReplyP95Seconds, Map<String, Long> released,
            List<AgentFigures> byAgent) {
    }

    private final TenantTransactions tx;

    public HandoffFigures(TenantTransactions tx) {
        this.tx = tx;
    }

    public Uni<Figures> of(UUID clienteId, Instant fromOrNull, Instant toOrNull) {
        Instant to = toOrNull == null ? Instant.now() : toOrNull;
        Instant from = fromOrNull == null ? to.minus(Duration.ofDays(7)) : fromOrNull;
        String range = " where cliente_id = :cliente and created_at >= :from and created_at < :to ";
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select kind, coalesce(reason, ''), count(*) from handoff_events" + range + "group by kind, reason",
                Object[].class).setParameter("cliente", clienteId).setParameter("from", from).setParameter("to", to)
                .getResultList()
                .chain(counts -> session.createNativeQuery("""
                        select percentile_cont(0.5) within group (order by seconds),
                               percentile_cont(0.95) within group (order by seconds)
                        from handoff_events""" + range + " and kind = 'first_reply'", Object[].class)
                        .setParameter("cliente", clienteId).setParameter("from", from).setParameter("to", to)
                        .getSingleResult()
                        .chain(speed -> session.createNativeQuery("""
                                select agent_id, count(*) filter (where kind = 'assigned'),
                                       count(*) filter (where kind = 'first_reply'),
                                       percentile_cont(0.5) within group (order by seconds)
                                           filter (where kind = 'first_reply'),
                                       count(*) filter (where kind = 'released')
                                from handoff_events""" + range + " and agent_id is not null"
                                + " group by agent_id order by agent_id", Object[].class)
                                .setParameter("cliente", clienteId).setParameter("from", from).setParameter("to", to)
                                .getResultList()
                                .map(agents -> figures(from, to, counts, speed, agents))))));
    }

    private static Figures figures(Instant from, Instant to, List<Object[]> counts, Object[] speed,
            List<Object[]> agents) {
        Map<String, Long> requested = new LinkedHashMap<>();
        Map<String, Long> released = new LinkedHashMap<>();
        long assigned = 0;
        long firstReplies = 0;
        for (Object[] row : counts) {
            long count = SqlValues.number(row[2]);
            switch ((String) row[0]) {
                case HandoffEvent.REQUESTED -> requested.merge((String) row[1], count, Long::sum);
                case HandoffEvent.RELEASED -> released.merge((String) row[1], count, Long::sum);
                case HandoffEvent.ASSIGNED -> assigned += count;
                case HandoffEvent.FIRST_REPLY -> firstReplies += count;
                default -> {
                }
            }
        }
        List<AgentFigures> byAgent = new ArrayList<>();
        for (Object[] row : agents) {
            byAgent.add(new AgentFigures((UUID) row[0], SqlValues.number(row[1]), SqlValues.number(row[2]),
                    decimal(row[3]), SqlValues.number(row[4])));
        }
        return new Figures(from, to, requested, assigned, firstReplies, decimal(speed[0]), decimal(speed[1]), released,
                byAgent);
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
