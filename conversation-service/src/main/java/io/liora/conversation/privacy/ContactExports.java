package io.liora.conversation.privacy;

import io.liora.common.audit.AuditRecord;
import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.persistence.SqlValues;
import io.liora.common.problem.ProblemException;
import io.liora.conversation.clients.IntegrationsApi;
import io.liora.conversation.clients.IntegrationsApi.ContactIdentifiers;
import io.liora.conversation.clients.TenantRecordsApi;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Everything Liora holds about one contact, as one JSON document streamed out: this service's rows (the
 * contact and those merged into it, the conversation state, every inbound message with its media
 * references, the log in both directions, handoffs, delivery statuses) and integrations-service's
 * (messages sent with their statuses and prices, the opt-out, the short links sent). Each section
 * is written by PostgreSQL ({@code to_jsonb} of the rows), so every column is there as stored.
 * The export is recorded in the audit trail before it is given; without that record, no export.
 */
@ApplicationScoped
public class ContactExports {

    /** Small sections, each one query of its rows as a JSON array. */
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();
    /**
     * The sections that grow with the conversation, read page by page while the document streams
     * out: each page one query in a transaction of its own, its rows as JSON text, keyset-ordered.
     */
    private static final List<PagedSection> PAGED = List.of(
            new PagedSection("inbound_messages", """
                    select cast(to_jsonb(m) - 'cliente_id' - 'claimed_until' as text), m.created_at, m.id
                    from inbound_messages m where m.cliente_id = :cliente
                      and (m.contact_id in (:contacts) or m.msisdn in (:phones))
                      and (m.created_at, m.id) > (:at, :id)
                    order by m.created_at, m.id limit :page"""),
            new PagedSection("log", """
                    select cast(to_jsonb(l) - 'cliente_id' as text), l.created_at, l.id
                    from conversation_log l where l.cliente_id = :cliente
                      and (l.contact_id in (:contacts) or l.msisdn in (:phones))
                      and (l.created_at, l.id) > (:at, :id)
                    order by l.created_at, l.id limit :page"""));
    static final int PAGE = 500;

    static {
        SECTIONS.put("contacts", "select coalesce(jsonb_agg(to_jsonb(c) - 'cliente_id' order by c.created_at), '[]') "
                + "from contacts c where c.cliente_id = :cliente and c.id in (:contacts)");
        SECTIONS.put("conversation_state", "select coalesce(jsonb_agg(to_jsonb(s) - 'cliente_id'), '[]') "
                + "from convo_state s where s.cliente_id = :cliente and s.contact_id in (:contacts)");
        SECTIONS.put("handoff_events", "select coalesce(jsonb_agg(to_jsonb(h) - 'cliente_id' order by h.created_at), '[]') "
                + "from handoff_events h where h.cliente_id = :cliente and h.contact_id in (:contacts)");
        SECTIONS.put("delivery_statuses", "select coalesce(jsonb_agg(p.item order by p.created_at), '[]') "
                + "from pending_statuses p where p.cliente_id = :cliente "
                + "and (p.item ->> 'recipient_id' in (:phones) or p.item ->> 'recipient_user_id' in (:bsuids))");
    }

    private record PagedSection(String name, String sql) {
    }

    /** One page of a paged section: its rows as JSON text, and where the next page starts. */
    private record Page(List<String> rows, Instant lastAt, UUID lastId) {
    }

    /**
     * What is known before the document streams out: the person's rows were found, the small
     * sections read, integrations-service's part received and the export recorded in the audit
     * trail. Anything that fails here is an answer (404, 503), never a truncated document.
     */
    public record Prepared(UUID clienteId, UUID contactId, ContactRows.Found person, String head, String integrationsPart) {
    }

    private final TenantTransactions tx;
    private final IntegrationsApi integrations;
    private final TenantRecordsApi tenantRecords;

    public ContactExports(TenantTransactions tx, @RestClient IntegrationsApi integrations,
            @RestClient TenantRecordsApi tenantRecords) {
        this.tx = tx;
        this.integrations = integrations;
        this.tenantRecords = tenantRecords;
    }

    /** 404 for a contact the tenant does not have, 503 when a service cannot answer. */
    public Uni<Prepared> prepare(UUID clienteId, UUID contactId, ContactErasures.Requester requester) {
        Executor eventLoop = EventLoop.current();
        Map<String, String> sections = new LinkedHashMap<>();
        ContactRows.Found[] person = new ContactRows.Found[1];
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session ->
                        ContactRows.find(session, clienteId, contactId, false).chain(found -> {
                            person[0] = found;
                            return sections(session, clienteId, found, sections);
                        })))
                .chain(() -> integrations.exportContact(clienteId.toString(), contactId,
                                new ContactIdentifiers(person[0].phones(), person[0].bsuids()))
                        .onFailure().transform(e -> unavailable("integrations-service", e)))
                .emitOn(eventLoop)
                .call(() -> tenantRecords.audit(new AuditRecord(clienteId, "contact.exported",
                                requester.usuarioId(), requester.rol(), "contact", contactId.toString(),
                                requester.requestId(), Map.of(), Instant.now(), UUID.randomUUID() + ":export"))
                        .onFailure().transform(e -> unavailable("the audit trail (tenant-service)", e)))
                .map(integrationsPart -> new Prepared(clienteId, contactId, person[0],
                        head(clienteId, contactId, sections), integrationsPart));
    }

    /** The document, as text pieces in order: the head, each paged section page by page, the rest. */
    public Multi<String> stream(Prepared prepared) {
        List<Multi<String>> pieces = new ArrayList<>();
        pieces.add(Multi.createFrom().item(prepared.head()));
        for (PagedSection section : PAGED) {
            pieces.add(Multi.createFrom().item(",\"" + section.name() + "\":["));
            pieces.add(pages(prepared, section));
            pieces.add(Multi.createFrom().item("]"));
        }
        pieces.add(Multi.createFrom().item("},\"integrations_service\":" + prepared.integrationsPart() + "}"));
        return Multi.createBy().concatenating().streams(pieces);
    }

    private Multi<String> pages(Prepared prepared, PagedSection section) {
        AtomicReference<Page> last = new AtomicReference<>(new Page(List.of(), Instant.EPOCH, new UUID(0, 0)));
        AtomicBoolean first = new AtomicBoolean(true);
        Executor eventLoop = EventLoop.current();
        return Multi.createBy().repeating()
                .uni(() -> page(prepared, section, last.get()).emitOn(eventLoop).invoke(last::set))
                .whilst(page -> page.rows().size() == PAGE)
                .filter(page -> !page.rows().isEmpty())
                .map(page -> (first.getAndSet(false) ? "" : ",") + String.join(",", page.rows()));
    }

    private Uni<Page> page(Prepared prepared, PagedSection section, Page after) {
        return tx.forTenant(prepared.clienteId(), () -> Panache.getSession().chain(session -> ContactRows.bind(
                        session.createNativeQuery(section.sql(), Object[].class), section.sql(), prepared.clienteId(),
                        prepared.person())
                .setParameter("at", after.lastAt()).setParameter("id", after.lastId()).setParameter("page", PAGE)
                .getResultList()))
                .map(rows -> rows.isEmpty() ? new Page(List.of(), after.lastAt(), after.lastId())
                        : new Page(rows.stream().map(row -> (String) row[0]).toList(),
                                SqlValues.instant(rows.get(rows.size() - 1)[1]), (UUID) rows.get(rows.size() - 1)[2]));
    }

    private static Uni<Void> sections(Mutiny.Session session, UUID clienteId, ContactRows.Found found,
            Map<String, String> into) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> section : SECTIONS.entrySet()) {
            chain = chain.chain(() -> ContactRows.bind(session.createNativeQuery(
                            "select cast((" + section.getValue() + ") as text)", String.class), section.getValue(),
                            clienteId, found)
                    .getResultList()
                    .invoke(rows -> into.put(section.getKey(), rows.get(0)))
                    .replaceWithVoid());
        }
        return chain;
    }

    /** The document up to the paged sections: its ids and the small sections. */
    private static String head(UUID clienteId, UUID contactId, Map<String, String> sections) {
        StringBuilder json = new StringBuilder(4096).append("{\"exported_at\":\"").append(Instant.now())
                .append("\",\"cliente_id\":\"").append(clienteId)
                .append("\",\"contact_id\":\"").append(contactId)
                .append("\",\"conversation_service\":{");
        boolean first = true;
        for (Map.Entry<String, String> section : sections.entrySet()) {
            json.append(first ? "" : ",").append('"').append(section.getKey()).append("\":").append(section.getValue());
            first = false;
        }
        return json.toString();
    }

    private static ProblemException unavailable(String what, Throwable cause) {
        return new ProblemException("export-unavailable", 503, "Export not possible now",
                "Liora could not reach " + what + ", so the export would be incomplete or unrecorded; try again shortly");
    }
}
