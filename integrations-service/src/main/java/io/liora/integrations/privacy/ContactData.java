package io.liora.integrations.privacy;

import io.liora.common.persistence.TenantTransactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What this service holds about one contact (messages sent with their statuses and prices, the
 * opt-out, the short links those messages carried), exported and erased. A message row is found
 * by the contact's id or, for rows older than contact ids, by its address.
 */
@ApplicationScoped
public class ContactData {

    private static final String OF_CONTACT = "cliente_id = :cliente and (contact_id = :contact or recipient in (:addresses))";
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("outbound_messages", "select coalesce(jsonb_agg(to_jsonb(o) - 'cliente_id' - 'claimed_until' "
                + "order by o.created_at, o.id), '[]') from outbound_messages o where " + OF_CONTACT);
        SECTIONS.put("opt_outs", "select coalesce(jsonb_agg(to_jsonb(x) - 'cliente_id'), '[]') from opt_outs x "
                + "where cliente_id = :cliente and (contact_id = :contact or phone in (:addresses) or bsuid in (:addresses))");
        SECTIONS.put("short_links", "select coalesce(jsonb_agg(jsonb_build_object('short_url', s.short_url, "
                + "'long_url', s.long_url, 'created_at', s.created_at)), '[]') from short_links s "
                + "where s.cliente_id = :cliente and exists (select 1 from outbound_messages o where o." + OF_CONTACT
                + " and strpos(cast(o.payload as text), s.short_url) > 0)");
    }

    /** Sent messages keep what the usage ledger needs; the recipient and the content go. */
    private static final String REDACT_MESSAGES = """
            update outbound_messages set recipient = 'erased', payload = jsonb_build_object('type', message_type),
                   error_title = null, claimed_until = null,
                   status = case when status = 'queued' then 'cancelled' else status end,
                   redacted_at = coalesce(redacted_at, now()), updated_at = now()
            where cliente_id = :cliente and (contact_id = :contact or recipient in (:addresses))
              and recipient <> 'erased'
            returning case when status = 'cancelled' then 1 else 0 end""";
    private static final String REMOVE_OPT_OUTS = """
            delete from opt_outs where cliente_id = :cliente and erased_at is null
              and (contact_id = :contact or phone in (:addresses) or bsuid in (:addresses))""";
    /** The contact stays on the suppression list by its id alone. */
    private static final String MARK_ERASED = """
            insert into opt_outs (id, cliente_id, contact_id, opted_out_at, erased_at)
            values (gen_random_uuid(), :cliente, :contact, now(), now())
            on conflict (cliente_id, contact_id) do nothing""";

    private final TenantTransactions tx;

    public ContactData(TenantTransactions tx) {
        this.tx = tx;
    }

    /** One JSON object, a section per table. */
    public Uni<String> export(UUID clienteId, UUID contactId, ContactDataDtos.ContactIdentifiers identifiers) {
        List<String> addresses = addresses(identifiers);
        StringBuilder json = new StringBuilder("{");
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<String, String> section : SECTIONS.entrySet()) {
                chain = chain.chain(() -> session.createNativeQuery("select cast((" + section.getValue() + ") as text)",
                                String.class)
                        .setParameter("cliente", clienteId).setParameter("contact", contactId)
                        .setParameter("addresses", addresses)
                        .getResultList().invoke(rows -> json.append(json.length() > 1 ? "," : "")
                                .append('"').append(section.getKey()).append("\":").append(rows.get(0)))
                        .replaceWithVoid());
            }
            return chain;
        })).map(done -> json.append('}').toString());
    }

    /** Idempotent: a second erasure finds nothing left to change. */
    public Uni<ContactDataDtos.ContactErased> erase(UUID clienteId, UUID contactId,
            ContactDataDtos.ContactIdentifiers identifiers) {
        List<String> addresses = addresses(identifiers);
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session ->
                session.createNativeQuery(REDACT_MESSAGES, Integer.class)
                        .setParameter("cliente", clienteId).setParameter("contact", contactId)
                        .setParameter("addresses", addresses).getResultList()
                        .chain(redacted -> session.createNativeQuery(REMOVE_OPT_OUTS)
                                .setParameter("cliente", clienteId).setParameter("contact", contactId)
                                .setParameter("addresses", addresses).executeUpdate()
                                .call(() -> session.createNativeQuery(MARK_ERASED).setParameter("cliente", clienteId)
                                        .setParameter("contact", contactId).executeUpdate())
                                .map(optOuts -> new ContactDataDtos.ContactErased(redacted.size(),
                                        redacted.stream().mapToInt(Integer::intValue).sum(), optOuts)))));
    }

    /** Never empty: {@code in ()} is not SQL, and '' is nobody's address. */
    private static List<String> addresses(ContactDataDtos.ContactIdentifiers identifiers) {
        List<String> addresses = new ArrayList<>();
        if (identifiers != null) {
            identifiers.phones().stream().filter(a -> a != null && !a.isBlank()).forEach(addresses::add);
            identifiers.bsuids().stream().filter(a -> a != null && !a.isBlank()).forEach(addresses::add);
        }
        return addresses.isEmpty() ? List.of("") : addresses;
    }
}
