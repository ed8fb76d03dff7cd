package io.liora.conversation.log;

import io.liora.common.rest.Keyset;
import java.time.Instant;
import java.util.UUID;

/**
 * The filters and position of a log export: time range, contact, direction, intent, and a keyset
 * cursor (the last row's {@code created_at} and {@code id}) so pages never skip or repeat a row.
 */
public record LogQuery(Instant from, Instant to, String msisdn, UUID contactId, String direction, String intent,
        Instant afterTime, UUID afterId) {

    public static LogQuery of(Instant from, Instant to, String msisdn, UUID contactId, String direction, String intent,
            String cursor) {
        Keyset after = Keyset.decode(cursor, "cursor");
        return new LogQuery(from, to, msisdn, contactId, direction, intent, after == null ? null : after.at(),
                after == null ? null : after.id());
    }

    public LogQuery after(Instant createdAt, UUID id) {
        return new LogQuery(from, to, msisdn, contactId, direction, intent, createdAt, id);
    }

    /** The WHERE clause; parameters by name, bound by {@link #bind}. */
    String where() {
        StringBuilder where = new StringBuilder("l.cliente_id = :cliente");
        if (from != null) {
            where.append(" and l.created_at >= :from");
        }
        if (to != null) {
            where.append(" and l.created_at < :to");
        }
        if (msisdn != null) {
            where.append(" and l.msisdn = :msisdn");
        }
        if (contactId != null) {
            where.append(" and (l.contact_id = :contact or l.contact_id in"
                    + " (select id from contacts where merged_into = :contact))");
        }
        if (direction != null) {
            where.append(" and l.direction = :direction");
        }
        if (intent != null) {
            where.append(" and l.intent = :intent");
        }
        if (afterId != null) {
            where.append(" and (l.created_at, l.id) > (:afterTime, :afterId)");
        }
        return where.toString();
    }

    <Q extends org.hibernate.reactive.mutiny.Mutiny.AbstractQuery> Q bind(Q query, UUID clienteId) {
        query.setParameter("cliente", clienteId);
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        if (msisdn != null) {
            query.setParameter("msisdn", msisdn);
        }
        if (contactId != null) {
            query.setParameter("contact", contactId);
        }
        if (direction != null) {
            query.setParameter("direction", direction);
        }
        if (intent != null) {
            query.setParameter("intent", intent);
        }
        if (afterId != null) {
            query.setParameter("afterTime", afterTime).setParameter("afterId", afterId);
        }
        return query;
    }
}
