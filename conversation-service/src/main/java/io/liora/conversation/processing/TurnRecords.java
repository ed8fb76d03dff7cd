package io.liora.conversation.processing;

import io.liora.common.persistence.TenantSql;
import io.liora.common.work.TenantBatches;
import io.liora.conversation.contact.Contact;
import io.liora.conversation.handoff.HandoffEvent;
import io.liora.conversation.log.ConversationLog;
import io.liora.conversation.state.ConvoState;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Records a finished turn in one statement: the message marked done (the fence: a message another
 * worker finished meanwhile records nothing), the conversation's new state, the log of both
 * directions, the contact's consent and the handoff event, all or nothing (and, pipelined in the
 * same transaction, the replies the turn reserved under the cap and did not send given back).
 *
 * <p>The state written is the one the turn loaded, moved on by the turn. Should anyone have changed
 * the stored state since it was loaded (a person took the conversation, say), the row no longer
 * reads as it did and the statement writes nothing: {@link #record} answers
 * {@link Result#STATE_MOVED} and the caller applies the turn to the state as it is now instead.
 *
 * <p>Since a record that finds its state moved writes nothing, the records of a tenant's turns that
 * finish while its last transaction commits share the next one ({@link TenantBatches}): under load
 * a tenant pays one transaction for many turns.
 */
@ApplicationScoped
public class TurnRecords {

    /** What the recording came to. */
    public enum Result { RECORDED, ALREADY_DONE, STATE_MOVED }

    /**
     * The message is locked first (still pending, or nothing is written); the state is written only
     * if it still reads as the turn loaded it; the message is marked done, and the log, consent and
     * handoff written, only if the state was. So a turn whose state moved writes nothing and needs no
     * rollback, and several turns' records can share a transaction.
     */
    private static final String RECORD = """
            with pending as (
                select cliente_id, contact_id from inbound_messages where id = $1 and status = 'pending'
                for update
            ), state as (
                insert into convo_state as s (id, cliente_id, contact_id, msisdn, profile_name, flow, step, slots_json,
                    last_intent, last_inbound_at, nomatch_rate, nomatch_credit, nomatch_streak, needs_human, handoff,
                    assigned_agent, handoff_at, assigned_at, first_human_reply_at, agent_seen_at, idle_release_at,
                    phone_number_id)
                select $2, d.cliente_id, d.contact_id, $3, $4, $5, $6, cast(cast($7 as text) as jsonb), $8, $9, $10, $11, $12, $13,
                       $14, $15, $16, $17, $18, $19, $20, $21
                from pending d
                on conflict (cliente_id, contact_id) do update set
                    msisdn = excluded.msisdn, profile_name = excluded.profile_name, flow = excluded.flow,
                    step = excluded.step, slots_json = excluded.slots_json, last_intent = excluded.last_intent,
                    last_inbound_at = excluded.last_inbound_at, nomatch_rate = excluded.nomatch_rate,
                    nomatch_credit = excluded.nomatch_credit, nomatch_streak = excluded.nomatch_streak,
                    needs_human = excluded.needs_human, handoff = excluded.handoff,
                    assigned_agent = excluded.assigned_agent, handoff_at = excluded.handoff_at,
                    assigned_at = excluded.assigned_at, first_human_reply_at = excluded.first_human_reply_at,
                    agent_seen_at = excluded.agent_seen_at, idle_release_at = excluded.idle_release_at,
                    phone_number_id = excluded.phone_number_id, updated_at = now()
                where cast(s as text) = $22
                returning 1
            ), done as (
                update inbound_messages set status = 'done', processed_at = now(), claimed_until = null,
                                            updated_at = now()
                where id = $1 and exists (select from state)
            ), logs as (
                insert into conversation_log (id, cliente_id, contact_id, msisdn, direction, inbound_message_id, wamid,
                    message_type, text, payload, intent, skill, confidence, intent_source, latency_ms,
                    outbound_message_id, note)
                select r.id, d.cliente_id, d.contact_id, r.msisdn, r.direction, $1, r.wamid, r.message_type, r.text,
                       r.payload, r.intent, r.skill, r.confidence, r.intent_source, r.latency_ms,
                       r.outbound_message_id, r.note
                from pending d cross join jsonb_to_recordset(cast(cast($23 as text) as jsonb)) as r(n int, id uuid, msisdn text,
                    direction text, wamid text, message_type text, text text, payload jsonb, intent text, skill text,
                    confidence float8, intent_source text, latency_ms int, outbound_message_id uuid, note text)
                where exists (select from state)
                order by r.n
            ), consent as (
                update contacts set opted_out_at = $24, updated_at = now()
                where id = $25 and $26 and exists (select from state)
            ), handoff as (
                insert into handoff_events (id, cliente_id, contact_id, kind, reason)
                select cast($27 as uuid), d.cliente_id, d.contact_id, 'requested', $28
                from pending d
                where $27 is not null and exists (select from state)
            )
            select (select count(*) from pending), (select count(*) from state)""";

    /** Turns recorded in one transaction at most. */
    static final int MAX_TURNS = 64;

    private final TenantSql sql;
    private final ReplyCap cap;
    private final TenantBatches<Turn, Result> batches;

    public TurnRecords(TenantSql sql, ReplyCap cap, Vertx vertx, MeterRegistry metrics) {
        this.sql = sql;
        this.cap = cap;
        DistributionSummary sizes = DistributionSummary.builder("liora.turns.transaction.turns")
                .description("Turns recorded by one transaction").register(metrics);
        this.batches = new TenantBatches<>(vertx, MAX_TURNS, this::recordTogether, failure -> true, sizes::record);
    }

    /**
     * @param message the message the turn answered
     * @param state   the state as the turn leaves it
     * @param loaded  the stored state's row as the turn loaded it ({@code null}: there was none)
     * @param contact the contact, its consent as the turn leaves it
     * @param handoff the handoff the turn asked for, if any
     * @param allowance what the turn reserved under the reply cap: what it did not use is given back
     *                  in the same transaction
     */
    public Uni<Result> record(UUID message, ConvoState state, String loaded, Contact contact, boolean consentChanged,
            List<ConversationLog> logs, Optional<HandoffEvent> handoff, ReplyCap.Allowance allowance) {
        Tuple values = Tuple.tuple().addUUID(message)
                .addUUID(state.id).addString(state.msisdn).addString(state.profileName).addString(state.flow)
                .addString(state.step).addString(JsonText.text(state.slots == null ? Map.of() : state.slots))
                .addString(state.lastIntent).addOffsetDateTime(at(state.lastInboundAt)).addDouble(state.nomatchRate)
                .addDouble(state.nomatchCredit).addInteger(state.nomatchStreak).addBoolean(state.needsHuman)
                .addString(state.handoff).addUUID(state.assignedAgent).addOffsetDateTime(at(state.handoffAt))
                .addOffsetDateTime(at(state.assignedAt)).addOffsetDateTime(at(state.firstHumanReplyAt))
                .addOffsetDateTime(at(state.agentSeenAt)).addOffsetDateTime(at(state.idleReleaseAt))
                .addString(state.phoneNumberId)
                .addString(loaded)
                .addString(logRows(logs))
                .addOffsetDateTime(contact == null ? null : at(contact.optedOutAt))
                .addUUID(contact == null ? null : contact.id).addBoolean(consentChanged && contact != null)
                .addUUID(handoff.map(event -> event.id).orElse(null))
                .addString(handoff.map(event -> event.reason).orElse(null));
        return batches.submit(state.clienteId, new Turn(values, allowance));
    }

    /** A turn to record: the statement's values and what it holds under the reply cap. */
    private record Turn(Tuple values, ReplyCap.Allowance allowance) {
    }

    /**
     * The turns' records in one transaction (one statement each, pipelined), with what they give back
     * under the cap; should it fail, each turn is recorded alone ({@link TenantBatches}).
     */
    private Uni<List<Result>> recordTogether(UUID clienteId, List<Turn> turns) {
        return sql.forTenantReplayable(clienteId, connection -> {
            Future<RowSet<Row>> records = connection.preparedQuery(RECORD)
                    .executeBatch(turns.stream().map(Turn::values).toList());
            List<Future<Void>> givenBack = turns.stream()
                    .map(turn -> cap.giveBack(connection, clienteId, turn.allowance())).toList();
            return Future.all(records, Future.all(givenBack)).map(done -> results(records.result()));
        });
    }

    private static List<Result> results(RowSet<Row> results) {
        List<Result> recorded = new ArrayList<>();
        for (RowSet<Row> rows = results; rows != null; rows = rows.next()) {
            Row counts = rows.iterator().next();
            recorded.add(counts.getLong(0) == 0 ? Result.ALREADY_DONE
                    // nothing was written: the turn is applied to the state as it is now
                    : counts.getLong(1) == 0 ? Result.STATE_MOVED : Result.RECORDED);
        }
        return recorded;
    }

    private static String logRows(List<ConversationLog> logs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConversationLog log : logs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("n", rows.size());
            row.put("id", log.id);
            row.put("msisdn", log.msisdn);
            row.put("direction", log.direction);
            row.put("wamid", log.wamid);
            row.put("message_type", log.messageType);
            row.put("text", log.text);
            row.put("payload", log.payload);
            row.put("intent", log.intent);
            row.put("skill", log.skill);
            row.put("confidence", log.confidence);
            row.put("intent_source", log.intentSource);
            row.put("latency_ms", log.latencyMs);
            row.put("outbound_message_id", log.outboundMessageId);
            row.put("note", log.note);
            rows.add(row);
        }
        return JsonText.text(rows);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
