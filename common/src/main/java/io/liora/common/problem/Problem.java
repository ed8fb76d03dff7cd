package io.liora.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer in Liora.
 *
 * @param type     stable URI naming the kind of error; clients switch on it
 * @param title    short, human summary of the kind
 * @param status   the HTTP status, repeated for clients that only see the body
 * @param detail   what went wrong with this request
 * @param instance the request path
 * @param errors   one entry per invalid field, for validation errors
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid input.
     *
     * @param field   the field's name or path, e.g. {@code email} or {@code items[3].precio}
     * @param pointer RFC 6901 JSON pointer into the request body, when known
     * @param message why it is invalid
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String pointer, String message) {
    }
}
