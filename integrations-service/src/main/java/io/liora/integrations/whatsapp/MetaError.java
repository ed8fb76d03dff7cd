package io.liora.integrations.whatsapp;

import java.util.Set;

/**
 * What a failed send means, from Meta's error code: retry later (throttling, temporary), give up
 * (permanent), or stop the tenant's sending until its token is rotated (190).
 */
public record MetaError(Integer code, String title, Kind kind) {

    public enum Kind { THROTTLED, TEMPORARY, PERMANENT, TOKEN_EXPIRED }

    /** The number's throughput limit: the rate governor halves the number's rate. */
    public static final int THROUGHPUT_LIMIT = 130429;

    /** Rate limits: the account's, the app's, or sending to one recipient too fast (131056). */
    private static final Set<Integer> THROTTLING = Set.of(130429, 131056, 4, 17, 341, 80007);
    /** Meta's own transient failures. */
    private static final Set<Integer> TEMPORARY_CODES = Set.of(1, 2, 131000, 131016);

    /** Free-form outside the customer's 24-hour window: only a template reaches them. */
    public static final int WINDOW_CLOSED = 131047;

    public static MetaError classify(int httpStatus, Integer code, String title) {
        if (code != null && code == WINDOW_CLOSED) {
            // kept with the message, so whoever reads the failure reads the fix too
            return new MetaError(code, title + " (the customer's 24-hour window has closed: send an approved template"
                    + " instead, type template; create one with POST /clientes/{id}/templates)", Kind.PERMANENT);
        }
        if (code != null && code == 190) {
            return new MetaError(code, title, Kind.TOKEN_EXPIRED);
        }
        if (code != null && THROTTLING.contains(code) || httpStatus == 429) {
            return new MetaError(code, title, Kind.THROTTLED);
        }
        if (code != null && TEMPORARY_CODES.contains(code) || httpStatus >= 500) {
            return new MetaError(code, title, Kind.TEMPORARY);
        }
        return new MetaError(code, title, Kind.PERMANENT);
    }

    /** A timeout, a reset connection, no answer at all. */
    public static MetaError network(String what) {
        return new MetaError(null, what, Kind.TEMPORARY);
    }

    public boolean retryable() {
        return kind == Kind.THROTTLED || kind == Kind.TEMPORARY;
    }
}
