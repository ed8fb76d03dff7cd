package io.liora.common.rest;

import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Instants in query parameters ({@code from}, {@code to}): ISO-8601, or a 400 naming the field. */
public final class QueryInstants {

    private QueryInstants() {
    }

    /** {@code null} when absent or blank. */
    public static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(field, null,
                    "an ISO-8601 instant such as 2026-11-29T00:00:00Z")));
        }
    }
}
