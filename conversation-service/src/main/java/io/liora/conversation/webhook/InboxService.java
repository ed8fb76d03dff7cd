package io.liora.conversation.webhook;

import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.DatabaseErrors;
import io.liora.conversation.privacy.Tombstones;
import io.liora.conversation.tenant.NumberOwners;
import io.liora.conversation.tenant.TenantServiceApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Stores what a webhook delivered before the webhook is answered: each message once per business
 * number and wamid (a unique index, not a check-then-insert), with the contact it comes from found
 * or created in the same statement; each delivery status once, for the forwarder.
 *
 * <p>Every message is stored on its own terms: routed to the number's tenant ({@code pending}), or
 * kept and never answered as {@code unroutable} (no tenant), {@code unattributable} (no identifier
 * of a customer) or {@code malformed} (unreadable), with the reason. The delivery is stored in one
 * transaction; should PostgreSQL still refuse one message for a reason the reading did not foresee,
 * each message is stored in a transaction of its own and the refused one as {@code malformed}, so
 * it never takes the others with it. Only a database that cannot be reached fails the delivery
 * (503, and Meta's retry can succeed).
 */
@ApplicationScoped
public class InboxService {

    private static final Logger LOG = Logger.getLogger(InboxService.class);
    /**
     * The contact is found or created first, in the same statement; the message's status follows
     * from it. A message of an erased person sent before the erasure (Meta's late retry) is dropped:
     * neither the message nor the contact comes back. One sent after it is a new conversation, and
     * marks the person's return on the tombstone.
     */
    private static final String INSERT_MESSAGE = """
            with erased as (
                select exists (select 1 from contact_tombstones t
                               where t.cliente_id = cast(:cliente as uuid)
                                 and t.identifier_hash in (cast(:phoneHash as text), cast(:bsuidHash as text))
                                 and t.erased_at >= cast(:sentAt as timestamptz)) as yes),
            returned as (
                update contact_tombstones set returned_at = cast(:sentAt as timestamptz), updated_at = now()
                where cliente_id = cast(:cliente as uuid) and cast(:resolve as boolean)
                  and identifier_hash in (cast(:phoneHash as text), cast(:bsuidHash as text))
                  and erased_at < cast(:sentAt as timestamptz) and returned_at is null),
            sender as (
                select case when cast(:resolve as boolean) and not (select yes from erased)
                            then liora_contact_for(cast(:cliente as uuid), cast(:phone as text), cast(:bsuid as text),
                                                   cast(:parent as text), cast(:username as text), cast(:name as text),
                                                   cast(:previousPhone as text), cast(:previousBsuid as text))
                       end as contact_id),
            stored as (
                insert into inbound_messages (id, wamid, cliente_id, phone_number_id, msisdn, profile_name, message_type,
                                              message, original, anomalies, sent_at, status, reason, contact_id,
                                              media_id, media_mime_type, media_expires_at)
                select gen_random_uuid(), cast(:wamid as text), cast(:cliente as uuid), cast(:number as text),
                       cast(:phone as text), cast(:name as text), cast(:type as text), cast(cast(:message as text) as jsonb),
                       cast(:original as text), cast(:anomalies as text), cast(:sentAt as timestamptz),
                       case when cast(:status as text) = 'pending' and sender.contact_id is null then 'unattributable'
                            else cast(:status as text) end,
                       case when cast(:status as text) = 'pending' and sender.contact_id is null
                            then 'no identifier of the customer (from, user_id, wa_id)' else cast(:reason as text) end,
                       sender.contact_id, cast(:mediaId as text), cast(:mediaType as text),
                       cast(:mediaExpiresAt as timestamptz)
                from sender
                where not (select yes from erased)
                on conflict (phone_number_id, wamid) do nothing
                returning status)
            select coalesce((select status from stored),
                            case when (select yes from erased) then 'erased' else 'duplicate' end)""";
    /** The last resort for a message PostgreSQL refused: only what any column holds. */
    private static final String INSERT_REFUSED = """
            insert into inbound_messages (id, wamid, cliente_id, phone_number_id, message_type, message, original,
                                          sent_at, status, reason)
            values (gen_random_uuid(), cast(:wamid as text), null, cast(:number as text), 'unknown', cast('{}' as jsonb),
                    cast(:original as text), now(), 'malformed', 'refused by the database: ' || cast(:sqlState as text))
            on conflict (phone_number_id, wamid) do nothing
            returning status""";
    /**
     * A status to an erased person is dropped until they write again: until then it can only be of
     * a message sent before the erasure (a "read" may come days later).
     */
    private static final String INSERT_STATUS = """
            insert into pending_statuses (id, cliente_id, wamid, status, item)
            select gen_random_uuid(), :cliente, :wamid, :status, cast(cast(:item as text) as jsonb)
            where not exists (select 1 from contact_tombstones t
                              where t.cliente_id = :cliente and t.identifier_hash = cast(:recipientHash as text)
                                and (t.returned_at is null or t.returned_at > cast(:at as timestamptz)))
            on conflict (wamid, status) do nothing""";

    /** What one webhook came to. */
    public record Stored(int messages, int duplicates, int unroutable, int unattributable, int malformed,
            int erased, int statuses) {
    }

    private final TenantTransactions tx;
    private final NumberOwners owners;
    private final MeterRegistry metrics;
    private final Tombstones tombstones;

    public InboxService(TenantTransactions tx, NumberOwners owners, MeterRegistry metrics, Tombstones tombstones) {
        this.tx = tx;
        this.owners = owners;
        this.metrics = metrics;
        this.tombstones = tombstones;
    }

    Uni<Stored> store(WebhookPayload payload) {
        Set<String> numbers = new LinkedHashSet<>();
        payload.messages().stream().filter(WebhookPayload.Message::routable)
                .forEach(m -> numbers.add(m.phoneNumberId()));
        payload.statuses().forEach(s -> numbers.add(s.phoneNumberId()));
        Map<String, Optional<TenantServiceApi.NumberOwner>> owned = new HashMap<>();
        Executor eventLoop = EventLoop.current();
        return Multi.createFrom().iterable(numbers)
                .onItem().transformToUniAndConcatenate(number -> owners.owner(number).invoke(o -> owned.put(number, o)))
                .collect().last()
                .emitOn(eventLoop)
                .chain(() -> tx.acrossTenants(() -> Panache.getSession().chain(session ->
                        insertAll(session, payload, owned))))
                .onFailure(InboxService::refusedData).recoverWithUni(e -> {
                    LOG.warnf("A delivery was refused as a whole (%s); storing its messages one by one", e.toString());
                    return oneByOne(payload, owned).emitOn(eventLoop);
                })
                .invoke(stored -> {
                    count("stored", stored.messages());
                    count("duplicate", stored.duplicates());
                    count("unroutable", stored.unroutable());
                    count("unattributable", stored.unattributable());
                    count("malformed", stored.malformed());
                    count("erased", stored.erased());
                    if (payload.unreadableStatuses() > 0) {
                        metrics.counter("liora.webhook.statuses", "result", "malformed")
                                .increment(payload.unreadableStatuses());
                    }
                });
    }

    private Uni<Stored> insertAll(Mutiny.Session session, WebhookPayload payload,
            Map<String, Optional<TenantServiceApi.NumberOwner>> owned) {
        Counts counts = new Counts();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (WebhookPayload.Message message : payload.messages()) {
            chain = chain.chain(() -> insert(session, message, owned, tombstones).invoke(counts::add).replaceWithVoid());
        }
        for (WebhookPayload.Status status : payload.statuses()) {
            Optional<TenantServiceApi.NumberOwner> owner = owned.get(status.phoneNumberId());
            if (owner == null || owner.isEmpty()) {
                continue;
            }
            UUID clienteId = owner.get().clienteId();
            chain = chain.chain(() -> session.createNativeQuery(INSERT_STATUS)
                    .setParameter("cliente", clienteId).setParameter("wamid", status.wamid())
                    .setParameter("recipientHash", tombstones.hash(clienteId, status.recipientKind(), status.recipient()))
                    .setParameter("at", status.at())
                    .setParameter("status", status.status()).setParameter("item", status.item())
                    .executeUpdate().invoke(inserted -> counts.statuses += inserted).replaceWithVoid());
        }
        return chain.map(done -> counts.stored());
    }

    /** Each message in a transaction of its own; one PostgreSQL still refuses is kept as malformed. */
    private Uni<Stored> oneByOne(WebhookPayload payload, Map<String, Optional<TenantServiceApi.NumberOwner>> owned) {
        Counts counts = new Counts();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (WebhookPayload.Message message : payload.messages()) {
            chain = chain.chain(() -> tx.acrossTenants(() -> Panache.getSession().chain(session ->
                            insert(session, message, owned, tombstones)))
                    .onFailure(InboxService::refusedData).recoverWithUni(e -> tx.acrossTenants(() ->
                            Panache.getSession().chain(session -> refused(session, message, sqlState(e)))))
                    .invoke(counts::add).replaceWithVoid());
        }
        // statuses are Meta's receipts of our own messages: stored together, as before
        WebhookPayload statusesOnly = payload.statusesOnly();
        return chain.chain(() -> tx.acrossTenants(() -> Panache.getSession().chain(session ->
                insertAll(session, statusesOnly, owned))))
                .map(statuses -> {
                    counts.statuses = statuses.statuses();
                    return counts.stored();
                });
    }

    private static Uni<String> insert(Mutiny.Session session, WebhookPayload.Message message,
            Map<String, Optional<TenantServiceApi.NumberOwner>> owned, Tombstones tombstones) {
        Optional<TenantServiceApi.NumberOwner> owner = owned.get(message.phoneNumberId());
        String status;
        String reason;
        if (message.malformed() != null) {
            status = "malformed";
            reason = message.malformed();
        } else {
            reason = unroutable(owner);
            status = reason == null ? "pending" : "unroutable";
        }
        boolean tenantKnown = owner != null && owner.isPresent() && !"unroutable".equals(status);
        Sender sender = message.sender();
        WebhookPayload.Media media = message.media();
        UUID clienteId = tenantKnown ? owner.get().clienteId() : null;
        return session.createNativeQuery(INSERT_MESSAGE, String.class)
                .setParameter("resolve", "pending".equals(status))
                .setParameter("cliente", clienteId)
                .setParameter("phoneHash", tombstones.hash(clienteId, Tombstones.PHONE, sender.phone()))
                .setParameter("bsuidHash", tombstones.hash(clienteId, Tombstones.BSUID, sender.bsuid()))
                .setParameter("phone", sender.phone())
                .setParameter("bsuid", sender.bsuid())
                .setParameter("parent", sender.parentBsuid())
                .setParameter("username", sender.username())
                .setParameter("name", sender.profileName())
                .setParameter("previousPhone", sender.previousPhone())
                .setParameter("previousBsuid", sender.previousBsuid())
                .setParameter("wamid", message.wamid())
                .setParameter("number", message.phoneNumberId())
                .setParameter("type", message.type())
                .setParameter("message", message.message())
                .setParameter("original", message.original())
                .setParameter("anomalies", message.anomalies().isEmpty() ? null
                        : cut(String.join("; ", message.anomalies()), 1000))
                .setParameter("sentAt", message.sentAt())
                .setParameter("status", status)
                .setParameter("reason", reason)
                .setParameter("mediaId", media == null ? null : media.id())
                .setParameter("mediaType", media == null ? null : media.mimeType())
                .setParameter("mediaExpiresAt", media == null ? null : media.expiresAt())
                .getResultList()
                .map(rows -> rows.get(0)); // one row always (getSingleResult costs a query plan per call)
    }

    private static Uni<String> refused(Mutiny.Session session, WebhookPayload.Message message, String sqlState) {
        LOG.warnf("PostgreSQL refused message %s (SQLSTATE %s); kept as malformed", message.wamid(), sqlState);
        return session.createNativeQuery(INSERT_REFUSED, String.class)
                .setParameter("wamid", message.wamid())
                .setParameter("number", message.phoneNumberId())
                .setParameter("original", message.original() != null ? message.original() : message.message())
                .setParameter("sqlState", sqlState)
                .getResultList()
                .map(rows -> rows.isEmpty() ? "duplicate" : rows.get(0));
    }

    /**
     * PostgreSQL refused the data (SQLSTATE classes 22 data exception, 23 integrity, 54 limits):
     * the same delivery would be refused on every retry, so it is stored message by message.
     */
    static boolean refusedData(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    private static String sqlState(Throwable failure) {
        return DatabaseErrors.sqlState(failure);
    }

    /** Why a message to this number cannot be answered, or {@code null}. */
    private static String unroutable(Optional<TenantServiceApi.NumberOwner> owner) {
        if (owner == null || owner.isEmpty()) {
            return "unknown_number";
        }
        if ("suspendido".equals(owner.get().clienteEstado())) {
            return "tenant_suspended";
        }
        if ("inactivo".equals(owner.get().estado())) {
            return "number_disabled";
        }
        return null;
    }

    private void count(String result, int amount) {
        if (amount > 0) {
            metrics.counter("liora.webhook.messages", "result", result).increment(amount);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** Tallies of one delivery. */
    private static final class Counts {
        int stored;
        int duplicates;
        int unroutable;
        int unattributable;
        int malformed;
        int erased;
        int statuses;

        void add(String result) {
            switch (result) {
                case "pending" -> stored++;
                case "duplicate" -> duplicates++;
                case "unroutable" -> unroutable++;
                case "unattributable" -> unattributable++;
                case "erased" -> erased++;
                default -> malformed++;
            }
        }

        Stored stored() {
            return new Stored(stored, duplicates, unroutable, unattributable, malformed, erased, statuses);
        }
    }
}
