package io.liora.conversation.log;

import io.liora.common.persistence.SqlValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One exported log row. */
public record LogRow(UUID id, Instant createdAt, UUID contactId, String msisdn, String bsuid, String username,
        String direction, String messageType, String text, String intent, String skill, Double confidence,
        String intentSource, Integer latencyMs, String wamid, UUID outboundMessageId, String note, boolean needsHuman) {

    static final String[] COLUMNS = {"created_at", "contact_id", "msisdn", "bsuid", "username", "direction",
        "message_type", "text", "intent", "skill", "confidence", "intent_source", "latency_ms", "wamid",
        "outbound_message_id", "note", "needs_human", "id"};

    static LogRow of(Object[] row) {
        return new LogRow((UUID) row[0], SqlValues.instant(row[1]), (UUID) row[2], (String) row[3], (String) row[4],
                (String) row[5], (String) row[6], (String) row[7], (String) row[8], (String) row[9], (String) row[10],
                row[11] == null ? null : ((Number) row[11]).doubleValue(), (String) row[12],
                row[13] == null ? null : ((Number) row[13]).intValue(), (String) row[14], (UUID) row[15],
                (String) row[16], Boolean.TRUE.equals(row[17]));
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        Object[] values = {createdAt, contactId, msisdn, bsuid, username, direction, messageType, text, intent, skill,
            confidence, intentSource, latencyMs, wamid, outboundMessageId, note, needsHuman, id};
        for (int i = 0; i < COLUMNS.length; i++) {
            map.put(COLUMNS[i], values[i] == null ? null : values[i] instanceof Instant ? values[i].toString() : values[i]);
        }
        return map;
    }
}
