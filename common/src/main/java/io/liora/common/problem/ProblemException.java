package io.liora.common.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Thrown anywhere to answer with a problem document; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final String type;
    private final String title;
    private final int status;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(String slug, int status, String title, String detail,
            List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = ProblemType.uri(slug);
        this.title = title;
        this.status = status;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ProblemException(String slug, int status, String title, String detail) {
        this(slug, status, title, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail) {
        this(type.slug(), type.status(), type.title(), detail, List.of());
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(ProblemType.VALIDATION.slug(), 400, ProblemType.VALIDATION.title(),
                detail, errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    /** Adds a response header, e.g. {@code Retry-After} on a 429. */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors);
    }

    public int status() {
        return status;
    }
}
