package io.liora.conversation.processing;

import io.liora.common.persistence.TenantSql;
import io.liora.common.work.TenantBatches;
import io.liora.conversation.contact.Contact;
import io.liora.conversation.inbox.InboundMessage;
import io.liora.conversation.state.ConvoState;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Loads what a turn starts from, in one statement: the pending message, its contact and their
 * conversation's state (and reserves its reply under the tenant's cap: {@link ReplyCap}), with the state's row as text, which the turn's record compares to find
 * out whether anyone changed the state meanwhile ({@link TurnRecords}).
 */
@ApplicationScoped
public class TurnLoads {

    private static final String LOAD = """
            select m.wamid, m.phone_number_id, m.msisdn, m.profile_name, m.message_type, cast(m.message as text),
                   m.sent_at, m.attempts, m.created_at, m.media_id, m.media_expires_at,
                   c.id, c.phone, c.bsuid, c.parent_bsuid, c.username, c.profile_name, c.merged_into, c.opted_out_at,
                   s.id, s.msisdn, s.profile_name, s.flow, s.step, cast(s.slots_json as text), s.last_intent,
                   s.last_inbound_at, s.nomatch_rate, s.nomatch_credit, s.nomatch_streak, s.needs_human, s.handoff,
                   s.assigned_agent, s.handoff_at, s.assigned_at, s.first_human_reply_at, s.agent_seen_at,
                   s.idle_release_at, s.phone_number_id, s.created_at, cast(s as text),
                   m.contact_id
            from inbound_messages m
            left join contacts c on c.id = m.contact_id
            left join convo_state s on s.cliente_id = m.cliente_id and s.contact_id = m.contact_id
            where m.id = $1 and m.status = 'pending'""";

    /** Turns loaded in one transaction at most. */
    static final int MAX_TURNS = 64;

    private final TenantSql sql;
    private final ReplyCap cap;
    private final TenantBatches<Wanted, TurnDecider.Work> batches;

    public TurnLoads(TenantSql sql, ReplyCap cap, Vertx vertx, MeterRegistry metrics) {
        this.sql = sql;
        this.cap = cap;
        DistributionSummary sizes = DistributionSummary.builder("liora.turns.load.turns")
                .description("Turns loaded by one transaction").register(metrics);
        this.batches = new TenantBatches<>(vertx, MAX_TURNS, this::loadTogether, failure -> true, sizes::record);
    }

    /**
     * The turn's work, or {@code null} when the message is no longer pending or has no contact; with
     * one reply reserved under the tenant's cap in the same transaction. The turns of a tenant that
     * ask while its last load is under way are loaded together by the next transaction (two statements
     * each, pipelined; should it fail, each alone). A message another worker finished meanwhile leaves
     * its reservation counted for the minute: rare, and on the safe side of the cap.
     */
    public Uni<TurnDecider.Work> load(UUID id, UUID clienteId, int repliesPerMinute) {
        return batches.submit(clienteId, new Wanted(id, repliesPerMinute));
    }

    /** A turn to load: its message, and the cap its tenant's policy sets. */
    private record Wanted(UUID id, int repliesPerMinute) {
    }

    private Uni<List<TurnDecider.Work>> loadTogether(UUID clienteId, List<Wanted> turns) {
        return sql.forTenantReplayable(clienteId, connection -> {
            Future<RowSet<Row>> loaded = connection.preparedQuery(LOAD)
                    .executeBatch(turns.stream().map(turn -> Tuple.of(turn.id())).toList());
            List<Future<ReplyCap.Allowance>> allowances = turns.stream()
                    .map(turn -> cap.reserveOne(connection, clienteId, turn.repliesPerMinute())).toList();
            return Future.all(loaded, Future.all(allowances)).map(done -> {
                List<TurnDecider.Work> works = new ArrayList<>();
                RowSet<Row> rows = loaded.result();
                for (int i = 0; i < turns.size(); i++, rows = rows.next()) {
                    RowIterator<Row> found = rows.iterator();
                    works.add(found.hasNext()
                            ? work(turns.get(i).id(), clienteId, found.next(), allowances.get(i).result()) : null);
                }
                return works;
            });
        });
    }

    private static TurnDecider.Work work(UUID id, UUID clienteId, Row row, ReplyCap.Allowance allowance) {
        UUID contactId = row.getUUID(41);
        if (contactId == null) {
            return null;
        }
        InboundMessage message = new InboundMessage();
        message.id = id;
        message.clienteId = clienteId;
        message.contactId = contactId;
        message.wamid = row.getString(0);
        message.phoneNumberId = row.getString(1);
        message.msisdn = row.getString(2);
        message.profileName = row.getString(3);
        message.messageType = row.getString(4);
        message.message = JsonText.map(row.getString(5));
        message.sentAt = instant(row, 6);
        message.attempts = row.getInteger(7);
        message.createdAt = instant(row, 8);
        message.mediaId = row.getString(9);
        message.mediaExpiresAt = instant(row, 10);
        message.status = "pending";

        Contact contact = null;
        if (row.getUUID(11) != null) {
            contact = new Contact();
            contact.id = row.getUUID(11);
            contact.clienteId = clienteId;
            contact.phone = row.getString(12);
            contact.bsuid = row.getString(13);
            contact.parentBsuid = row.getString(14);
            contact.username = row.getString(15);
            contact.profileName = row.getString(16);
            contact.mergedInto = row.getUUID(17);
            contact.optedOutAt = instant(row, 18);
        }
        if (row.getUUID(19) == null) {
            return new TurnDecider.Work(message, contact, fresh(message), true, null, allowance);
        }
        ConvoState state = new ConvoState();
        state.id = row.getUUID(19);
        state.clienteId = clienteId;
        state.contactId = contactId;
        state.msisdn = row.getString(20);
        state.profileName = row.getString(21);
        state.flow = row.getString(22);
        state.step = row.getString(23);
        state.slots = JsonText.map(row.getString(24));
        state.lastIntent = row.getString(25);
        state.lastInboundAt = instant(row, 26);
        state.nomatchRate = row.getDouble(27);
        state.nomatchCredit = row.getDouble(28);
        state.nomatchStreak = row.getInteger(29);
        state.needsHuman = row.getBoolean(30);
        state.handoff = row.getString(31);
        state.assignedAgent = row.getUUID(32);
        state.handoffAt = instant(row, 33);
        state.assignedAt = instant(row, 34);
        state.firstHumanReplyAt = instant(row, 35);
        state.agentSeenAt = instant(row, 36);
        state.idleReleaseAt = instant(row, 37);
        state.phoneNumberId = row.getString(38);
        state.createdAt = instant(row, 39);
        return new TurnDecider.Work(message, contact, state, false, row.getString(40), allowance);
    }

    /** The state of a contact's first conversation with the tenant. */
    static ConvoState fresh(InboundMessage message) {
        ConvoState state = new ConvoState();
        state.clienteId = message.clienteId;
        state.contactId = message.contactId;
        state.msisdn = message.msisdn;
        state.profileName = message.profileName;
        return state;
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime at = row.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }
}
