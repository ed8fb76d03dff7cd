package io.liora.conversation.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.common.persistence.SqlValues;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.rest.Keyset;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tenant's conversation log, exported as JSON lines or CSV. Rows stream out in chunks read by
 * keyset (created_at, id): memory holds one chunk, never the whole result; the response's
 * {@code X-Next-Cursor} continues after its last row.
 */
@ApplicationScoped
public class LogExportService {

    static final int CHUNK = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            select l.id, l.created_at, k.id, l.msisdn, k.bsuid, k.username, l.direction, l.message_type, l.text, l.intent,
                   l.skill, l.confidence, l.intent_source, l.latency_ms, l.wamid, l.outbound_message_id, l.note,
                   coalesce(s.needs_human, false)
            from conversation_log l
            left join contacts c on c.id = l.contact_id
            -- a row of a contact merged into another belongs to that one's conversation
            left join contacts k on k.id = coalesce(c.merged_into, c.id)
            left join convo_state s on s.cliente_id = l.cliente_id and s.contact_id = k.id
            where %s
            order by l.created_at, l.id
            limit :limit""";
    private static final String PAGE_END = """
            select l.created_at, l.id from conversation_log l where %s
            order by l.created_at, l.id offset :offset limit 2""";

    private final TenantTransactions tx;

    public LogExportService(TenantTransactions tx) {
        this.tx = tx;
    }

    /** The page's last row and whether more follow: the cursor, found before streaming. */
    public Uni<String> nextCursor(UUID clienteId, LogQuery query, int limit) {
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> query.bind(session
                .createNativeQuery(PAGE_END.formatted(query.where()), Object[].class)
                .setParameter("offset", limit - 1), clienteId).getResultList()))
                .map(rows -> rows.size() < 2 ? null
                        : new Keyset(SqlValues.instant(rows.get(0)[0]), (UUID) rows.get(0)[1]).encode());
    }

    /** Up to {@code limit} rows, read {@value #CHUNK} at a time. */
    public Multi<LogRow> rows(UUID clienteId, LogQuery start, int limit) {
        AtomicReference<LogQuery> position = new AtomicReference<>(start);
        int[] remaining = {limit};
        return Multi.createBy().repeating()
                .uni(() -> chunk(clienteId, position.get(), Math.min(CHUNK, remaining[0])).invoke(rows -> {
                    remaining[0] -= rows.size();
                    if (!rows.isEmpty()) {
                        LogRow last = rows.get(rows.size() - 1);
                        position.set(position.get().after(last.createdAt(), last.id()));
                    }
                }))
                .whilst(rows -> rows.size() == CHUNK && remaining[0] > 0)
                .onItem().transformToMultiAndConcatenate(rows -> Multi.createFrom().iterable(rows));
    }

    private Uni<List<LogRow>> chunk(UUID clienteId, LogQuery query, int size) {
        if (size <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> query.bind(session
                .createNativeQuery(SELECT.formatted(query.where()), Object[].class)
                .setParameter("limit", size), clienteId).getResultList()))
                .map(rows -> {
                    List<LogRow> result = new ArrayList<>(rows.size());
                    rows.forEach(row -> result.add(LogRow.of(row)));
                    return result;
                });
    }

    static String jsonLine(LogRow row) {
        try {
            return JSON.writeValueAsString(row.asMap()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String csvHeader() {
        return CsvCells.row((Object[]) LogRow.COLUMNS);
    }

    static String csvLine(LogRow row) {
        Map<String, Object> map = row.asMap();
        return CsvCells.row(map.values().toArray());
    }

    /** Messages in and out, per intent, no-match rate, and processing latency (median, p95). */
    public Uni<Map<String, Object>> metrics(UUID clienteId, Instant from, Instant to) {
        String range = " and created_at >= :from and created_at < :to ";
        return tx.forTenant(clienteId, () -> Panache.getSession().chain(session -> session.createNativeQuery("""
                select count(*) filter (where direction = 'in'),
                       count(*) filter (where direction = 'out'),
                       count(*) filter (where direction = 'in' and intent = 'none'),
                       percentile_cont(0.5) within group (order by latency_ms) filter (where direction = 'in'),
                       percentile_cont(0.95) within group (order by latency_ms) filter (where direction = 'in')
                from conversation_log where cliente_id = :cliente""" + range, Object[].class)
                .setParameter("cliente", clienteId).setParameter("from", from).setParameter("to", to)
                .getSingleResult()
                .chain(totals -> session.createNativeQuery("""
                        select intent, count(*) from conversation_log
                        where cliente_id = :cliente and direction = 'in'""" + range + """
                         group by intent order by count(*) desc, intent""", Object[].class)
                        .setParameter("cliente", clienteId).setParameter("from", from).setParameter("to", to)
                        .getResultList()
                        .chain(intents -> session.createNativeQuery("""
                                select count(*), count(*) filter (where opted_out_at is not null) from contacts
                                where cliente_id = :cliente and merged_into is null""", Object[].class)
                                .setParameter("cliente", clienteId).getSingleResult()
                                .map(contacts -> LogMetrics.of(from, to, totals, intents, contacts))))));
    }
}
