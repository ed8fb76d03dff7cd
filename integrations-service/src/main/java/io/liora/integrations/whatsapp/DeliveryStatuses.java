package io.liora.integrations.whatsapp;

import io.liora.common.persistence.TenantSql;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies a batch of Meta's delivery statuses in one statement: each message moves forward only
 * (sent &lt; delivered &lt; read; failed only before delivery; nothing moves back or repeats), keeps
 * Meta's error when it failed and its pricing when Meta reported one. A message whose sender died
 * before recording Meta's answer is found by the callback data it was sent with, and not sent
 * again.
 *
 * <p>The statuses of one message within a batch count as one: the furthest applies, the rest are
 * ignored (Meta's order within a batch is not guaranteed anyway).
 */
@ApplicationScoped
public class DeliveryStatuses {

    /** Rank of a status: a message moves only to a higher one, and never from failed or read. */
    private static final Map<String, Integer> RANK = Map.of("queued", 0, "sent", 1, "failed", 2, "delivered", 3,
            "read", 4);

    /*
     * matched: each incoming status with its message, by wamid or, for a message never recorded, by
     * the id in its callback data. locked: those messages locked and read again (the statuses of
     * one message may be applied by two replicas at once: the second sees the first's result).
     */
    private static final String APPLY = """
            with incoming as (
                select * from jsonb_to_recordset(cast(cast($2 as text) as jsonb)) as r(
                    wamid text, status text, rank int, at bigint, error_code int, error_title text, callback uuid,
                    billable boolean, model text, category text, ptype text, priced_at bigint)
            ), matched as (
                -- each status's message by index (scalar sub-selects): a join here was planned as a hash
                -- of all the tenant's messages, a cost that grew with the table (7 ms a batch at 6,000)
                select coalesce((select w.id from outbound_messages w where w.wamid = r.wamid and w.cliente_id = $1),
                                (select c.id from outbound_messages c where c.id = r.callback and c.cliente_id = $1
                                                                        and c.wamid is null)) as id, r.*
                from incoming r
            ), locked as (
                select m.id, m.status, m.priced_at,
                       case m.status when 'queued' then 0 when 'sent' then 1 when 'failed' then 2
                                     when 'delivered' then 3 else 4 end as rank
                from outbound_messages m
                where m.id = any(array(select id from matched where id is not null))
                order by m.id
                for update of m
            ), decided as (
                select t.*, cur.status not in ('failed', 'read') and t.rank > cur.rank as moves,
                       t.billable is not null and cur.priced_at is null as first_priced
                from locked cur join matched t on t.id = cur.id
            )
            update outbound_messages m set
                status = case when d.moves then d.status else m.status end,
                status_at = case when d.moves then coalesce(to_timestamp(d.at), now()) else m.status_at end,
                error_code = case when d.moves and d.status = 'failed' then coalesce(d.error_code, m.error_code)
                                  else m.error_code end,
                error_title = case when d.moves and d.status = 'failed' then coalesce(d.error_title, m.error_title)
                                   else m.error_title end,
                wamid = coalesce(m.wamid, d.wamid),
                claimed_until = case when m.wamid is null then null else m.claimed_until end,
                pricing_billable = coalesce(d.billable, m.pricing_billable),
                pricing_model = coalesce(d.model, m.pricing_model),
                pricing_category = coalesce(d.category, m.pricing_category),
                pricing_type = coalesce(d.ptype, m.pricing_type),
                priced_at = case when d.first_priced then coalesce(to_timestamp(d.priced_at), now()) else m.priced_at end,
                updated_at = now()
            from decided d
            where m.id = d.id and (d.moves or d.billable is not null)
            returning d.moves, d.first_priced, d.billable, coalesce(d.category, 'unknown')""";

    private final TenantSql sql;
    private final MeterRegistry metrics;

    public DeliveryStatuses(TenantSql sql, MeterRegistry metrics) {
        this.sql = sql;
        this.metrics = metrics;
    }

    /** Applies the batch; {@code applied} counts the messages that moved, the other statuses are ignored. */
    public Uni<MessageDtos.StatusResult> apply(UUID clienteId, List<MessageDtos.StatusUpdate> statuses) {
        List<Map<String, Object>> rows = furthestPerMessage(statuses);
        if (rows.isEmpty()) {
            return Uni.createFrom().item(new MessageDtos.StatusResult(0, statuses.size()));
        }
        return sql.forTenant(clienteId, APPLY, Tuple.of(clienteId, JsonMaps.text(rows)))
                .map(updated -> {
                    int moved = 0;
                    for (Row row : updated) {
                        if (Boolean.TRUE.equals(row.getBoolean(0))) {
                            moved++;
                        }
                        if (Boolean.TRUE.equals(row.getBoolean(1))) {
                            metrics.counter("liora.whatsapp.priced.messages", "tenant", clienteId.toString(),
                                    "category", row.getString(3), "billable", String.valueOf(row.getBoolean(2)))
                                    .increment();
                        }
                    }
                    return new MessageDtos.StatusResult(moved, statuses.size() - moved);
                });
    }

    /**
     * One row per wamid: its furthest status (the first of equals), the last pricing seen and the
     * time of the first status that carried one.
     */
    static List<Map<String, Object>> furthestPerMessage(List<MessageDtos.StatusUpdate> statuses) {
        Map<String, MessageDtos.StatusUpdate> furthest = new LinkedHashMap<>();
        Map<String, MessageDtos.Pricing> pricing = new LinkedHashMap<>();
        Map<String, String> pricedAt = new LinkedHashMap<>();
        for (MessageDtos.StatusUpdate update : statuses) {
            furthest.merge(update.id(), update, (kept, next) -> RANK.get(next.status()) > RANK.get(kept.status())
                    ? next : kept);
            if (update.pricing() != null) {
                pricing.put(update.id(), update.pricing());
                if (update.timestamp() != null) {
                    pricedAt.putIfAbsent(update.id(), update.timestamp());
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        furthest.forEach((wamid, update) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("wamid", wamid);
            row.put("status", update.status());
            row.put("rank", RANK.get(update.status()));
            row.put("at", update.timestamp() == null ? null : Long.parseLong(update.timestamp()));
            if ("failed".equals(update.status()) && update.errors() != null && !update.errors().isEmpty()) {
                row.put("error_code", update.errors().get(0).code());
                row.put("error_title", update.errors().get(0).title());
            }
            row.put("callback", callbackMessageId(update.bizOpaqueCallbackData()));
            MessageDtos.Pricing priced = pricing.get(wamid);
            if (priced != null) {
                row.put("billable", priced.billed());
                row.put("model", cut(priced.pricingModel(), 20));
                row.put("category", cut(priced.category(), 40));
                row.put("ptype", cut(priced.type(), 40));
                row.put("priced_at", pricedAt.containsKey(wamid) ? Long.parseLong(pricedAt.get(wamid)) : null);
            }
            rows.add(row);
        });
        return rows;
    }

    /** Our message id in Meta's echo of {@code biz_opaque_callback_data} ("liora:&lt;id&gt;"), or {@code null}. */
    private static String callbackMessageId(String data) {
        if (data == null || !data.startsWith(OutboxSender.CALLBACK_PREFIX)) {
            return null;
        }
        try {
            return UUID.fromString(data.substring(OutboxSender.CALLBACK_PREFIX.length())).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
