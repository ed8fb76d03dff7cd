package io.liora.conversation.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.ProblemException;
import io.liora.conversation.clients.IntegrationsApi.ContactIdentifiers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Erases a contact: everything this service holds of the person goes in one transaction (the
 * contact and the contacts merged into it, their messages, state, log, handoffs and delivery
 * statuses), tombstones of the identifiers are written, and an {@link Erasure} is left for the
 * {@link ErasureWorker} to finish in the other services. Asking again answers the same erasure.
 */
@ApplicationScoped
public class ContactErasures {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The person's rows, table by table; statuses first (they are found through the log). */
    private static final List<String> DELETES = List.of("""
            delete from pending_statuses where cliente_id = :cliente
              and (item ->> 'recipient_id' in (:phones) or item ->> 'recipient_user_id' in (:bsuids)
                   or item ->> 'biz_opaque_callback_data' in (
                       select cast(outbound_message_id as text) from conversation_log
                       where cliente_id = :cliente and contact_id in (:contacts) and outbound_message_id is not null))""",
            "delete from conversation_log where cliente_id = :cliente and (contact_id in (:contacts) or msisdn in (:phones))",
            "delete from inbound_messages where cliente_id = :cliente and (contact_id in (:contacts) or msisdn in (:phones))",
            "delete from handoff_events where cliente_id = :cliente and contact_id in (:contacts)",
            "delete from convo_state where cliente_id = :cliente and contact_id in (:contacts)",
            "delete from contacts where cliente_id = :cliente and id in (:contacts)");
    /**
     * A status webhook stored in a transaction that began before this erasure committed did not see
     * its tombstones and may commit after the deletes above. Locking the table (as the erasure's
     * last step, so it never waits on a webhook that waits on it) waits for such a transaction to
     * commit, and the delete after it takes its rows; a webhook that comes later is held until the
     * erasure commits and then sees the tombstones.
     */
    private static final String LOCK_STATUSES = "lock table pending_statuses in share row exclusive mode";
    private static final String LATE_STATUSES = """
            delete from pending_statuses where cliente_id = :cliente
              and (item ->> 'recipient_id' in (:phones) or item ->> 'recipient_user_id' in (:bsuids))""";
    private static final String TOMBSTONE = """
            insert into contact_tombstones (cliente_id, identifier_hash, erased_at, erasure_id)
            values (:cliente, :hash, :at, :erasure)
            on conflict (cliente_id, identifier_hash) do update set erased_at = excluded.erased_at,
                erasure_id = excluded.erasure_id, returned_at = null, updated_at = now()""";

    /** Who asked, for the erasure and the audit trail. */
    public record Requester(UUID usuarioId, String rol, String requestId) {
    }

    private final TenantTransactions tx;
    private final Tombstones tombstones;

    public ContactErasures(TenantTransactions tx, Tombstones tombstones) {
        this.tx = tx;
        this.tombstones = tombstones;
    }

    /** The contact's erasure: started now, or the one already started; 404 when neither exists. */
    public Uni<Erasure> erase(UUID clienteId, UUID contactId, Requester requester) {
        return tx.forTenant(clienteId, () -> latest(clienteId, contactId).chain(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : Panache.getSession().chain(session -> eraseHere(session, clienteId, contactId, requester))));
    }

    public Uni<Erasure> get(UUID clienteId, UUID erasureId) {
        return tx.forTenant(clienteId, () -> Erasure.<Erasure>find("clienteId = ?1 and id = ?2", clienteId, erasureId)
                .firstResult())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No erasure has the id " + erasureId));
    }

    private static Uni<Erasure> latest(UUID clienteId, UUID contactId) {
        return Erasure.<Erasure>find("clienteId = ?1 and contactId = ?2 order by createdAt desc", clienteId, contactId)
                .firstResult();
    }

    private Uni<Erasure> eraseHere(Mutiny.Session session, UUID clienteId, UUID contactId, Requester requester) {
        return ContactRows.find(session, clienteId, contactId, true)
                .chain(found -> {
                    List<String> phones = found.phones();
                    List<String> bsuids = found.bsuids();
                    Instant now = Instant.now();
                    Erasure erasure = new Erasure();
                    erasure.clienteId = clienteId;
                    erasure.contactId = contactId;
                    erasure.identifiers = json(new ContactIdentifiers(phones, bsuids));
                    erasure.requestedBy = requester.usuarioId();
                    erasure.requestedRole = requester.rol();
                    erasure.requestId = requester.requestId();
                    erasure.conversationDoneAt = now;
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String delete : DELETES) {
                        chain = chain.chain(() -> ContactRows.bind(session.createNativeQuery(delete), delete, clienteId,
                                found).executeUpdate().replaceWithVoid());
                    }
                    for (String phone : phones) {
                        chain = chain.chain(() -> tombstone(session, clienteId, Tombstones.PHONE, phone, now, erasure.id));
                    }
                    for (String bsuid : bsuids) {
                        chain = chain.chain(() -> tombstone(session, clienteId, Tombstones.BSUID, bsuid, now, erasure.id));
                    }
                    chain = chain.chain(() -> session.createNativeQuery(LOCK_STATUSES).executeUpdate().replaceWithVoid())
                            .chain(() -> ContactRows.bind(session.createNativeQuery(LATE_STATUSES), LATE_STATUSES,
                                    clienteId, found).executeUpdate().replaceWithVoid());
                    return chain.chain(() -> erasure.<Erasure>persistAndFlush());
                });
    }

    private Uni<Void> tombstone(Mutiny.Session session, UUID clienteId, String kind, String value, Instant at,
            UUID erasureId) {
        return session.createNativeQuery(TOMBSTONE)
                .setParameter("cliente", clienteId).setParameter("hash", tombstones.hash(clienteId, kind, value))
                .setParameter("at", at).setParameter("erasure", erasureId)
                .executeUpdate().replaceWithVoid();
    }

    static ContactIdentifiers identifiers(Erasure erasure) {
        try {
            return JSON.readValue(erasure.identifiers, ContactIdentifiers.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("erasure " + erasure.id + " has unreadable identifiers", e);
        }
    }

    private static String json(ContactIdentifiers identifiers) {
        try {
            return JSON.writeValueAsString(identifiers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
