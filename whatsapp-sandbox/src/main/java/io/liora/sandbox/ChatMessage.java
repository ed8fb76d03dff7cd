package io.liora.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * One message of a sandbox chat, as the chat page shows it.
 *
 * @param direction   {@code in} (the contact wrote) or {@code out} (the business answered)
 * @param interactive Meta's interactive object of an answer, or of the tapped option
 * @param status      for answers: accepted, sent, delivered, read
 */
public record ChatMessage(String phoneNumberId, String msisdn, String direction, String type, String text,
        Map<String, Object> interactive, String wamid, String status, Instant at) {

    /** An answer the business sent through the Graph API. */
    @SuppressWarnings("unchecked")
    static ChatMessage answer(String phoneNumberId, String to, Map<String, Object> body, String wamid) {
        String type = String.valueOf(body.get("type"));
        Object text = body.get("text") instanceof Map<?, ?> t ? ((Map<String, Object>) t).get("body") : null;
        Map<String, Object> interactive = body.get("interactive") instanceof Map<?, ?> i
                ? (Map<String, Object>) i : null;
        return new ChatMessage(phoneNumberId, to, "out", type, text == null ? null : text.toString(), interactive, wamid,
                "accepted", Instant.now());
    }

    ChatMessage withText(String newText) {
        return new ChatMessage(phoneNumberId, msisdn, direction, type, newText, interactive, wamid, status, at);
    }

    ChatMessage withStatus(String newStatus) {
        return new ChatMessage(phoneNumberId, msisdn, direction, type, text, interactive, wamid, newStatus, at);
    }
}
