package io.liora.conversation.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.liora.conversation.privacy.Tombstones;
import io.liora.conversation.processing.ImmediateTurns;
import io.liora.conversation.tenant.TenantServiceApi;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The statements that store deliveries: all the messages of any number of deliveries in one
 * statement (each row through {@code liora_store_inbound}, V9 and V13), all their statuses in another,
 * each once. The rows go to PostgreSQL as one JSON document, read by {@code json_to_recordset}.
 */
@ApplicationScoped
class DeliveryRows {

    private static final Logger LOG = Logger.getLogger(DeliveryRows.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /**
     * In the rows' order (a new customer's first message makes the contact the next one finds); the
     * rows marked {@code claim} are stored claimed for this replica when they can be ($2: the
     * lease, V13).
     */
    private static final String STORE_MESSAGES = """
            select r.i, s.stored, s.message_id, s.claimed
            from (select * from json_to_recordset(cast(cast($1 as text) as json)) as x(
                      i int, cliente uuid, resolve boolean, phone_hash text, bsuid_hash text, phone text, bsuid text,
                      parent text, username text, name text, previous_phone text, previous_bsuid text, wamid text,
                      number text, type text, message text, original text, anomalies text, sent_at timestamptz,
                      status text, reason text, media_id text, media_type text, media_expires_at timestamptz,
                      claim boolean)
                  order by i) r
            cross join lateral liora_store_inbound(r.cliente, r.resolve, r.phone_hash, r.bsuid_hash, r.phone, r.bsuid,
                       r.parent, r.username, r.name, r.previous_phone, r.previous_bsuid, r.wamid, r.number, r.type,
                       cast(r.message as jsonb), r.original, r.anomalies, r.sent_at, r.status, r.reason, r.media_id,
                       r.media_type, r.media_expires_at,
                       case when r.claim then cast($2 as double precision) end) s""";
    /**
     * A status to an erased person is dropped until they write again: until then it can only be of
     * a message sent before the erasure (a "read" may come days later).
     */
    private static final String STORE_STATUSES = """
            with stored as (
            insert into pending_statuses (id, cliente_id, wamid, status, item)
            select gen_random_uuid(), r.cliente, r.wamid, r.status, cast(r.item as jsonb)
            from json_to_recordset(cast(cast($1 as text) as json)) as r(
                     cliente uuid, wamid text, status text, item text, recipient_hash text, at timestamptz)
            where not exists (select 1 from contact_tombstones t
                              where t.cliente_id = r.cliente and t.identifier_hash = r.recipient_hash
                                and (t.returned_at is null or t.returned_at > r.at))
            on conflict (wamid, status) do nothing
            returning id, cliente_id, wamid, status
            ), queued as (
                insert into status_forwards (status_id, cliente_id) select id, cliente_id from stored)
            select wamid, status from stored""";
    /** The last resort for a message PostgreSQL refused: only what any column holds. */
    private static final String STORE_REFUSED = """
            insert into inbound_messages (id, wamid, cliente_id, phone_number_id, message_type, message, original,
                                          sent_at, status, reason)
            values (gen_random_uuid(), cast($1 as text), null, cast($2 as text), 'unknown', cast('{}' as jsonb),
                    cast($3 as text), now(), 'malformed', 'refused by the database: ' || cast($4 as text))
            on conflict (phone_number_id, wamid) do nothing
            returning status""";

    /** One delivery to store, with the owners of the numbers it names (a number no tenant owns: empty). */
    record Delivery(WebhookPayload payload, Map<String, Optional<TenantServiceApi.NumberOwner>> owners) {

        boolean empty() {
            return payload.messages().isEmpty() && payload.statuses().stream().noneMatch(this::owned);
        }

        boolean owned(WebhookPayload.Status status) {
            Optional<TenantServiceApi.NumberOwner> owner = owners.get(status.phoneNumberId());
            return owner != null && owner.isPresent();
        }
    }

    private final Tombstones tombstones;
    private final ImmediateTurns turns;

    DeliveryRows(Tombstones tombstones, ImmediateTurns turns) {
        this.tombstones = tombstones;
        this.turns = turns;
    }

    /** What a transaction stored: one tally per delivery, and the messages it claimed for this replica. */
    record Stored(List<Tally> tallies, List<ImmediateTurns.Claimed> claimed, boolean leftForRounds) {
    }

    /**
     * Stores the deliveries' messages and statuses in the connection's transaction, both statements
     * sent at once (the connection pipelines them); one tally each. Up to {@code claimable} of the
     * messages to answer are stored claimed for this replica, where they can be (V13).
     */
    Future<Stored> store(SqlConnection connection, List<Delivery> deliveries, int claimable) {
        List<Tally> tallies = deliveries.stream().map(d -> new Tally()).toList();
        List<ImmediateTurns.Claimed> claimed = new ArrayList<>();
        boolean[] leftForRounds = {false};
        List<MessageRow> messages = new ArrayList<>();
        List<Integer> messageOwners = new ArrayList<>();
        List<StatusRow> statuses = new ArrayList<>();
        Map<String, Integer> statusOwners = new HashMap<>();
        for (int d = 0; d < deliveries.size(); d++) {
            Delivery delivery = deliveries.get(d);
            for (WebhookPayload.Message message : delivery.payload().messages()) {
                MessageRow row = messageRow(messages.size(), message, delivery.owners(), claimable > 0);
                if (row.claim()) {
                    claimable--;
                }
                messages.add(row);
                messageOwners.add(d);
            }
            for (WebhookPayload.Status status : delivery.payload().statuses()) {
                if (delivery.owned(status)) {
                    UUID clienteId = delivery.owners().get(status.phoneNumberId()).get().clienteId();
                    statuses.add(new StatusRow(clienteId, status.wamid(), status.status(), status.item(),
                            tombstones.hash(clienteId, status.recipientKind(), status.recipient()),
                            status.at() == null ? null : status.at().toString()));
                    statusOwners.putIfAbsent(status.wamid() + " " + status.status(), d);
                }
            }
        }
        Future<?> storedMessages = messages.isEmpty() ? Future.succeededFuture()
                : connection.preparedQuery(STORE_MESSAGES).execute(Tuple.of(json(messages), turns.leaseSeconds()))
                        .onSuccess(rows -> {
                            for (Row row : rows) {
                                int i = row.getInteger(0);
                                String result = row.getString(1);
                                tallies.get(messageOwners.get(i)).add(result);
                                if (Boolean.TRUE.equals(row.getBoolean(3))) {
                                    MessageRow stored = messages.get(i);
                                    claimed.add(new ImmediateTurns.Claimed(row.getUUID(2), stored.cliente(),
                                            stored.number()));
                                } else if ("pending".equals(result)) {
                                    leftForRounds[0] = true;
                                }
                            }
                        });
        Future<?> storedStatuses = statuses.isEmpty() ? Future.succeededFuture()
                : connection.preparedQuery(STORE_STATUSES).execute(Tuple.of(json(statuses))).onSuccess(rows -> {
                    for (Row row : rows) {
                        tallies.get(statusOwners.get(row.getString(0) + " " + row.getString(1))).statuses++;
                    }
                });
        return Future.all(storedMessages, storedStatuses)
                .map(stored -> new Stored(tallies, claimed, leftForRounds[0]));
    }

    /** Keeps a message PostgreSQL refused as {@code malformed}, with only what any column holds. */
    Future<String> refused(SqlConnection connection, WebhookPayload.Message message, String sqlState) {
        LOG.warnf("PostgreSQL refused message %s (SQLSTATE %s); kept as malformed", message.wamid(), sqlState);
        return connection.preparedQuery(STORE_REFUSED)
                .execute(Tuple.of(message.wamid(), message.phoneNumberId(),
                        message.original() != null ? message.original() : message.message(), sqlState))
                .map(rows -> rows.size() == 0 ? "duplicate" : rows.iterator().next().getString(0));
    }

    private MessageRow messageRow(int index, WebhookPayload.Message message,
            Map<String, Optional<TenantServiceApi.NumberOwner>> owners, boolean mayClaim) {
        Optional<TenantServiceApi.NumberOwner> owner = owners.get(message.phoneNumberId());
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
        return new MessageRow(index, clienteId, "pending".equals(status),
                tombstones.hash(clienteId, Tombstones.PHONE, sender.phone()),
                tombstones.hash(clienteId, Tombstones.BSUID, sender.bsuid()),
                sender.phone(), sender.bsuid(), sender.parentBsuid(), sender.username(), sender.profileName(),
                sender.previousPhone(), sender.previousBsuid(), message.wamid(), message.phoneNumberId(),
                message.type(), message.message(), message.original(),
                message.anomalies().isEmpty() ? null : cut(String.join("; ", message.anomalies()), 1000),
                text(message.sentAt()), status, reason,
                media == null ? null : media.id(), media == null ? null : media.mimeType(),
                media == null ? null : text(media.expiresAt()), mayClaim && "pending".equals(status));
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

    private static String json(Object rows) {
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rows that cannot be written as JSON", e);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * A message as {@code liora_store_inbound} takes it; {@code i} keeps the delivery's order,
     * {@code claim} asks for it to be stored claimed when it can be.
     */
    private record MessageRow(int i, UUID cliente, boolean resolve, String phoneHash, String bsuidHash, String phone,
            String bsuid, String parent, String username, String name, String previousPhone, String previousBsuid,
            String wamid, String number, String type, String message, String original, String anomalies,
            String sentAt, String status, String reason, String mediaId, String mediaType, String mediaExpiresAt,
            boolean claim) {
    }

    private record StatusRow(UUID cliente, String wamid, String status, String item, String recipientHash,
            String at) {
    }

    /** What one delivery's messages and statuses came to. */
    static final class Tally {
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

        void merge(Tally other) {
            stored += other.stored;
            duplicates += other.duplicates;
            unroutable += other.unroutable;
            unattributable += other.unattributable;
            malformed += other.malformed;
            erased += other.erased;
            statuses += other.statuses;
        }

        InboxService.Stored stored() {
            return new InboxService.Stored(stored, duplicates, unroutable, unattributable, malformed, erased, statuses);
        }
    }
}
