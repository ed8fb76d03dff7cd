package io.liora.conversation.processing;

import java.util.Map;

/** What the router reads of Meta's message object. */
final class MessageContent {

    private MessageContent() {
    }

    /** The typed text, or the title of a tapped option. */
    static String text(Map<String, Object> message) {
        Object text = path(message, "text", "body");
        if (text != null) {
            return text.toString();
        }
        Object title = path(message, "interactive", "button_reply", "title");
        if (title == null) {
            title = path(message, "interactive", "list_reply", "title");
        }
        if (title == null) {
            title = path(message, "button", "text");
        }
        return title == null ? null : title.toString();
    }

    /** The id of a tapped reply button or list row (or a template button's payload). */
    static String replyId(Map<String, Object> message) {
        Object id = path(message, "interactive", "button_reply", "id");
        if (id == null) {
            id = path(message, "interactive", "list_reply", "id");
        }
        if (id == null) {
            id = path(message, "button", "payload");
        }
        return id == null ? null : id.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object current = map;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> node)) {
                return null;
            }
            current = ((Map<String, Object>) node).get(key);
        }
        return current;
    }
}
