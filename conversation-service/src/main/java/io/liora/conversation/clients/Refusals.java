package io.liora.conversation.clients;

import jakarta.ws.rs.WebApplicationException;

/**
 * Whether one of our own services refused a request for good: a 4xx (other than a timeout or a
 * throttle) comes back the same however often the message is tried, so the customer is answered at
 * once instead of waiting through retries. Everything else (5xx, no connection) may succeed later.
 */
public final class Refusals {

    private Refusals() {
    }

    public static boolean permanent(Throwable failure) {
        if (!(failure instanceof WebApplicationException http) || http.getResponse() == null) {
            return false;
        }
        int status = http.getResponse().getStatus();
        return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
    }

    /** The refusing service's own words (its problem's detail), when it gave any. */
    public static java.util.Optional<String> detail(Throwable failure) {
        if (!(failure instanceof WebApplicationException http) || http.getResponse() == null) {
            return java.util.Optional.empty();
        }
        try {
            Object detail = http.getResponse().readEntity(java.util.Map.class).get("detail");
            return java.util.Optional.ofNullable(detail == null ? null : detail.toString());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    public static int status(Throwable failure) {
        return failure instanceof WebApplicationException http && http.getResponse() != null
                ? http.getResponse().getStatus() : 0;
    }
}
