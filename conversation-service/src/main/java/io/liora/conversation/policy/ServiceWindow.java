package io.liora.conversation.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * WhatsApp's customer-service window: a business may answer freely only within 24 hours of the
 * customer's last message; after it, only an approved template reaches the customer.
 */
public final class ServiceWindow {

    public static final Duration LENGTH = Duration.ofHours(24);

    private ServiceWindow() {
    }

    /** When the window the customer opened at {@code customerWrote} closes ({@code null} if never opened). */
    public static Instant closesAt(Instant customerWrote) {
        return customerWrote == null ? null : customerWrote.plus(LENGTH);
    }

    public static boolean open(Instant customerWrote, Instant now) {
        return customerWrote != null && closesAt(customerWrote).isAfter(now);
    }
}
