package io.liora.conversation.privacy;

import io.liora.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A person's rows are found by their contact ids and, for rows older than contacts, their phones
 * and BSUIDs: binds whichever of {@code :cliente}, {@code :contacts}, {@code :phones} and
 * {@code :bsuids} a statement names (Hibernate refuses parameters a statement does not have).
 */
final class ContactRows {

    /** Never anybody's address: stands in for an empty list, as {@code in ()} is not SQL. */
    private static final List<String> NONE = List.of("");

    /**
     * The person a contact id names: the contact, or the one it was merged into (an older id, as
     * old log rows still carry), with every contact merged into that one.
     */
    private static final String FIND = """
            with person as (select coalesce(merged_into, id) as id from contacts
                            where cliente_id = :cliente and id = :contact)
            select c.id, c.phone, c.bsuid, c.parent_bsuid from contacts c, person p
            where c.cliente_id = :cliente and (c.id = p.id or c.merged_into = p.id)""";

    /** A contact and those merged into it: their ids, phones and BSUIDs (parents too). */
    record Found(List<UUID> contacts, List<String> phones, List<String> bsuids) {
    }

    private ContactRows() {
    }

    /** Inside a tenant transaction; 404 when the tenant has no such contact. {@code lock}: for update. */
    static Uni<Found> find(Mutiny.Session session, UUID clienteId, UUID contactId, boolean lock) {
        return session.createNativeQuery(lock ? FIND + " for update of c" : FIND, Object[].class)
                .setParameter("cliente", clienteId).setParameter("contact", contactId)
                .getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("No contact has the id " + contactId);
                    }
                    Found found = new Found(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                    for (Object[] row : rows) {
                        found.contacts().add((UUID) row[0]);
                        add(found.phones(), row[1]);
                        add(found.bsuids(), row[2]);
                        add(found.bsuids(), row[3]);
                    }
                    return found;
                });
    }

    private static void add(List<String> list, Object value) {
        if (value instanceof String text && !text.isBlank() && !list.contains(text)) {
            list.add(text);
        }
    }

    static <Q extends Mutiny.AbstractQuery> Q bind(Q query, String sql, UUID clienteId, Found found) {
        query.setParameter("cliente", clienteId);
        if (sql.contains(":contacts")) {
            query.setParameter("contacts", found.contacts());
        }
        if (sql.contains(":phones")) {
            query.setParameter("phones", found.phones().isEmpty() ? NONE : found.phones());
        }
        if (sql.contains(":bsuids")) {
            query.setParameter("bsuids", found.bsuids().isEmpty() ? NONE : found.bsuids());
        }
        return query;
    }
}
