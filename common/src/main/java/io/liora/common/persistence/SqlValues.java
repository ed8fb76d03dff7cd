package io.liora.common.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Values of native query rows, whichever Java type the driver chose for them. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A timestamptz column; {@code null} stays {@code null}. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(String.valueOf(value));
    }

    /** A count or other integer column. */
    public static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
