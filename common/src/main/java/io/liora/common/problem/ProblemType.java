package io.liora.common.problem;

/**
 * The error kinds every service shares. A service with errors of its own creates a
 * {@link ProblemException} with its own slug; the URI scheme is the same.
 */
public enum ProblemType {
    VALIDATION("validation", 400, "The request is not valid"),
    MALFORMED_BODY("malformed-body", 400, "The request body could not be read"),
    TENANT_REQUIRED("tenant-required", 400, "This route needs a tenant"),
    UNAUTHORIZED("unauthorized", 401, "Authentication is required"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    TENANT_MISMATCH("tenant-mismatch", 403, "The tenant does not match the caller"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation"),
    CONFLICT("conflict", 409, "Conflict"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests"),
    INTERNAL("internal", 500, "Internal error"),
    UNAVAILABLE("unavailable", 503, "Temporarily unavailable");

    private static final String PREFIX = "urn:liora:problem:";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public static String uri(String slug) {
        return PREFIX + slug;
    }

    public String uri() {
        return uri(slug);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String slug() {
        return slug;
    }

    /** The shared type for an HTTP status that has one, else {@code null}. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != TENANT_REQUIRED && type != TENANT_MISMATCH
                    && type != MALFORMED_BODY && type != CONFLICT) {
                return type;
            }
        }
        return null;
    }
}
