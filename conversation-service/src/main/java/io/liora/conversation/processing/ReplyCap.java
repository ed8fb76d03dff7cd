package io.liora.conversation.processing;

import io.liora.common.persistence.TenantSql;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tenant's reply cap (replies per minute, from its policy), counted per five seconds in
 * {@code reply_counts} (the column {@code second} holds the five seconds' start). A turn reserves
 * one reply in the transaction that loads it (no transaction of its own for the common turn of one
 * reply), reserves the rest when it answers with more, and gives back in its record what it did not
 * send (a silent turn, a reaction, an opted-out customer): so the count holds what was sent, as when
 * each turn reserved after deciding.
 */
@ApplicationScoped
public class ReplyCap {

    /**
     * Reserves replies in the tenant's current five seconds if the replies of the last 60 seconds
     * leave room for them, and answers the five seconds' start it reserved in (no row: over the cap);
     * the slot's old rows are pruned in the same statement. The count is spread over {@link #SLOTS}
     * rows so that the tenant's concurrent turns do not queue on one row's lock (V10); each counts
     * what was committed before it, so concurrent turns pass the cap by at most the turns in flight.
     * Five seconds a row, not one: the sum reads at most 13 × 16 rows instead of 60 × 16 (it was the
     * fourth costliest statement of a message, docs/benchmarks.md). A row counts while any of its
     * five seconds is within the minute, so the window is 60 to 65 seconds: never fewer replies
     * counted than were sent in the last minute.
     */
    private static final String RESERVE = """
            with recent as (
                select coalesce(sum(replies), 0) as replies from reply_counts
                where cliente_id = $1 and second > now() - interval '65 seconds'
            ), reserved as (
                insert into reply_counts (cliente_id, second, slot, replies)
                select $1, date_bin('5 seconds', now(), timestamptz '2000-01-01 00:00:00+00'), $2, cast($3 as int)
                from recent
                where recent.replies + cast($3 as int) <= cast($4 as int)
                on conflict (cliente_id, second, slot) do update set replies = reply_counts.replies + excluded.replies
                returning second
            ), pruned as (
                delete from reply_counts
                where cliente_id = $1 and slot = $2 and second < now() - interval '2 minutes')
            select second from reserved""";
    private static final String GIVE_BACK = """
            update reply_counts set replies = greatest(0, replies - $4)
            where cliente_id = $1 and second = $2 and slot = $3""";
    private static final int SLOTS = 16;

    private final TenantSql sql;

    public ReplyCap(TenantSql sql) {
        this.sql = sql;
    }

    /**
     * What a turn holds under the cap: {@code reserved} replies counted in {@code second}'s
     * {@code slot} at load, and how many of them it {@code used}.
     */
    public static final class Allowance {
        final OffsetDateTime second;
        final short slot;
        final int reserved;
        int used;

        Allowance(OffsetDateTime second, short slot, int reserved) {
            this.second = second;
            this.slot = slot;
            this.reserved = reserved;
        }

        /** None: the cap was reached when the turn was loaded. */
        static Allowance none() {
            return new Allowance(null, (short) 0, 0);
        }

        int unused() {
            return reserved - used;
        }
    }

    /** One reply reserved on the transaction that loads the turn. */
    Future<Allowance> reserveOne(SqlConnection connection, UUID clienteId, int repliesPerMinute) {
        short slot = slot();
        return connection.preparedQuery(RESERVE).execute(Tuple.of(clienteId, slot, 1, repliesPerMinute))
                .map(rows -> allowance(rows, slot, 1));
    }

    /**
     * Whether the turn may send {@code replies}: covered by what it reserved at load, or by
     * reserving the rest now (in a transaction of its own). Answers false, reserving nothing more,
     * when the cap does not leave room for them all.
     */
    Uni<Boolean> cover(UUID clienteId, Allowance allowance, int replies, int repliesPerMinute) {
        if (allowance.reserved == 0) {
            return Uni.createFrom().item(false);
        }
        if (replies <= allowance.reserved) {
            allowance.used = replies;
            return Uni.createFrom().item(true);
        }
        short slot = slot();
        int more = replies - allowance.reserved;
        return sql.forTenantReplayable(clienteId, RESERVE, Tuple.of(clienteId, slot, more, repliesPerMinute))
                .map(rows -> {
                    boolean reserved = allowance(rows, slot, more).reserved > 0;
                    if (reserved) {
                        allowance.used = allowance.reserved;
                    }
                    return reserved;
                });
    }

    /** What the turn reserved and did not use, given back on the transaction that records the turn. */
    Future<Void> giveBack(SqlConnection connection, UUID clienteId, Allowance allowance) {
        if (allowance.unused() <= 0) {
            return Future.succeededFuture();
        }
        return connection.preparedQuery(GIVE_BACK).execute(giveBackValues(clienteId, allowance)).mapEmpty();
    }

    /** {@link #giveBack(SqlConnection, UUID, Allowance)} in a transaction of its own. */
    Uni<Void> giveBack(UUID clienteId, Allowance allowance) {
        return allowance.unused() <= 0 ? Uni.createFrom().voidItem()
                : sql.forTenantReplayable(clienteId, GIVE_BACK, giveBackValues(clienteId, allowance)).replaceWithVoid();
    }

    private static Tuple giveBackValues(UUID clienteId, Allowance allowance) {
        return Tuple.of(clienteId, allowance.second, allowance.slot, allowance.unused());
    }

    private static Allowance allowance(RowSet<Row> rows, short slot, int replies) {
        RowIterator<Row> reserved = rows.iterator();
        return reserved.hasNext() ? new Allowance(reserved.next().getOffsetDateTime(0), slot, replies) : Allowance.none();
    }

    private static short slot() {
        return (short) ThreadLocalRandom.current().nextInt(SLOTS);
    }
}
