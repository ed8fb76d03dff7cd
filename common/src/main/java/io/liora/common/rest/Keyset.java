package io.liora.common.rest;

import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A keyset cursor: the last row's time and id, opaque to callers (URL-safe base64), so pages
 * never skip or repeat a row however the table grows meanwhile.
 */
public record Keyset(Instant at, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; {@code null} for none; a 400 naming the field for one we did not give. */
    public static Keyset decode(String cursor, String field) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new Keyset(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(field, null, "is not a cursor this list gave")));
        }
    }
}
