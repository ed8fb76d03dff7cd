package io.liora.sandbox;

/** Whom the business sent a message to: a phone ({@code to}) or a BSUID ({@code recipient}). */
public record Recipient(String phone, String bsuid) {

    static Recipient phone(String phone) {
        return new Recipient(phone, null);
    }

    static Recipient bsuid(String bsuid) {
        return new Recipient(null, bsuid);
    }
}
