package io.liora.conversation.handoff;

import io.liora.common.persistence.SqlValues;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import io.liora.common.rest.Keyset;
import io.liora.conversation.policy.ServiceWindow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The staff's reads: a tenant's conversations (one row per contact, newest activity first, keyset
 * paged) and one contact's transcript (newest first, paged by the order rows were written), each
 * answer with its delivery status. Always inside the tenant's transaction: row-level security
 * hides every other tenant's rows.
 */
@ApplicationScoped
public class ConversationQueries {

    /** The contact and the ids of contacts merged into it: one person's conversation. */
    private static final String SAME_PERSON = "(select k.id from contacts k where k.id = %1$s or k.merged_into = %1$s)";
    private static final String SUMMARY = """
            select s.contact_id, c.phone, c.username, c.profile_name, s.handoff, s.assigned_agent, s.handoff_at,
                   last.text, last.direction, last.created_at,
                   case when s.handoff in ('waiting', 'agent') then
                       (select count(*) from conversation_log u where u.cliente_id = s.cliente_id
                        and u.contact_id in %2$s and u.direction = 'in'
                        and u.created_at >= coalesce(s.agent_seen_at, s.handoff_at, '-infinity'::timestamptz))
                   else 0 end,
                   s.last_inbound_at, s.updated_at
            from convo_state s
            join contacts c on c.id = s.contact_id and c.merged_into is null
            left join lateral (select l.text, l.direction, l.created_at from conversation_log l
                               where l.cliente_id = s.cliente_id and l.contact_id in %2$s
                               order by l.seq desc limit 1) last on true
            where s.cliente_id = :cliente %1$s
            """;
    private static final String TRANSCRIPT = """
            select l.id, l.created_at, l.direction, l.agent_id, l.message_type, l.text, l.intent, l.intent_source,
                   l.note, l.outbound_message_id, d.status,
                   m.media_id, m.media_mime_type, l.seq, d.error_code, d.error_title, d.error_details
            from conversation_log l
            left join inbound_messages m on m.id = l.inbound_message_id and l.direction = 'in'
            left join lateral (select st.status, st.item #>> '{errors,0,code}' as error_code,
                                      st.item #>> '{errors,0,title}' as error_title,
                                      st.item #>> '{errors,0,error_data,details}' as error_details
                               from pending_statuses st where st.cliente_id = l.cliente_id
                               and (st.item ->> 'biz_opaque_callback_data') = 'liora:' || l.outbound_message_id
                               order by case st.status when 'failed' then 4 when 'read' then 3 when 'delivered' then 2
                                        when 'sent' then 1 else 0 end desc limit 1) d on l.direction = 'out'
            where l.cliente_id = :cliente and l.contact_id in %s %s
            order by l.seq desc
            limit :limit""";

    private final TenantTransactions tx;

    public ConversationQueries(TenantTransactions tx) {
        this.tx = tx;
    }

    /** Which conversations, and where the page starts. */
    public record Filter(String state, UUID assignedTo, Keyset after, int limit) {
    }

    public Uni<ConversationDtos.ConversationPage> list(UUID clienteId, Filter filter) {
        StringBuilder where = new StringBuilder();
        if (filter.state() != null) {
            where.append(" and s.handoff = :state");
        }
        if (filter.assignedTo() != null) {
            where.append(" and s.assigned_agent = :agent");
        }
        if (filter.after() != null) {
            where.append(" and (s.updated_at, s.contact_id) < (:at, :id)");
        }
        String sql = SUMMARY.formatted(where, SAME_PERSON.formatted("s.contact_id"))
                + " order by s.updated_at desc, s.contact_id desc limit :limit";
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class)
                    .setParameter("cliente", clienteId).setParameter("limit", filter.limit() + 1);
            if (filter.state() != null) {
                query.setParameter("state", filter.state());
            }
            if (filter.assignedTo() != null) {
                query.setParameter("agent", filter.assignedTo());
            }
            if (filter.after() != null) {
                query.setParameter("at", filter.after().at()).setParameter("id", filter.after().id());
            }
            return query.getResultList();
        })).map(rows -> {
            List<ConversationDtos.ConversationSummary> items = new ArrayList<>();
            for (int i = 0; i < Math.min(rows.size(), filter.limit()); i++) {
                items.add(summary(rows.get(i)));
            }
            String next = null;
            if (rows.size() > filter.limit()) {
                Object[] last = rows.get(filter.limit() - 1);
                next = new Keyset(SqlValues.instant(last[12]), (UUID) last[0]).encode();
            }
            return new ConversationDtos.ConversationPage(items, next);
        });
    }

    /** One contact's conversation, or 404 (another tenant's contact is not found either). */
    public Uni<ConversationDtos.ConversationSummary> one(UUID clienteId, UUID contactId) {
        String sql = SUMMARY.formatted(" and s.contact_id = :contact", SAME_PERSON.formatted("s.contact_id"));
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> session
                .createNativeQuery(sql, Object[].class).setParameter("cliente", clienteId)
                .setParameter("contact", contactId).getResultList()))
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("No conversation with contact " + contactId);
                    }
                    return summary(rows.get(0));
                });
    }

    public Uni<ConversationDtos.Transcript> transcript(UUID clienteId, UUID contactId, String cursor, int limit) {
        Long before = seq(cursor);
        String sql = TRANSCRIPT.formatted(SAME_PERSON.formatted(":contact"), before == null ? "" : " and l.seq < :before");
        return one(clienteId, contactId).chain(conversation -> tx.forTenant(clienteId, () -> Panache.getSession()
                .chain(session -> {
                    Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class)
                            .setParameter("cliente", clienteId).setParameter("contact", contactId)
                            .setParameter("limit", limit + 1);
                    if (before != null) {
                        query.setParameter("before", before);
                    }
                    return query.getResultList();
                }))
                .map(rows -> {
                    List<ConversationDtos.TranscriptEntry> messages = new ArrayList<>();
                    for (int i = 0; i < Math.min(rows.size(), limit); i++) {
                        messages.add(entry(rows.get(i)));
                    }
                    String next = rows.size() > limit ? String.valueOf(SqlValues.number(rows.get(limit - 1)[13])) : null;
                    return new ConversationDtos.Transcript(conversation, messages, next);
                }));
    }

    private static Long seq(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("cursor", null,
                    "is not a cursor this transcript gave")));
        }
    }

    private static ConversationDtos.ConversationSummary summary(Object[] row) {
        Instant lastInbound = SqlValues.instant(row[11]);
        return new ConversationDtos.ConversationSummary((UUID) row[0], (String) row[1], (String) row[2],
                (String) row[3], (String) row[4], (UUID) row[5], SqlValues.instant(row[6]), (String) row[7],
                (String) row[8], SqlValues.instant(row[9]), SqlValues.number(row[10]),
                ServiceWindow.closesAt(lastInbound));
    }

    private static ConversationDtos.TranscriptEntry entry(Object[] row) {
        String direction = (String) row[2];
        UUID agent = (UUID) row[3];
        String author = "in".equals(direction) ? "customer" : agent != null ? "agent" : "bot";
        String status = "out".equals(direction) ? (row[10] != null ? (String) row[10]
                : row[9] != null ? "queued" : null) : null;
        return new ConversationDtos.TranscriptEntry((UUID) row[0], SqlValues.instant(row[1]), direction, author, agent,
                (String) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8], status,
                "failed".equals(status) ? deliveryError((String) row[14], (String) row[15], (String) row[16]) : null,
                (String) row[11], (String) row[12]);
    }

    /** Why Meta could not deliver an answer, as its status said, and the fix when there is one. */
    static String deliveryError(String code, String title, String details) {
        StringBuilder error = new StringBuilder(code == null ? "Meta gave no reason" : code);
        if (title != null) {
            error.append(' ').append(title);
        }
        if (details != null && !details.equals(title)) {
            error.append(": ").append(details);
        }
        if ("131047".equals(code)) {
            error.append(" (the 24-hour window had closed: send an approved template)");
        }
        return error.toString();
    }
}
