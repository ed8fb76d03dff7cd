package io.liora.conversation.processing;

import java.util.Map;
import java.util.Set;

/** What the bot reads of Meta's message object. */
final class MessageContent {

    /** Types whose words the router reads; every other type has at most a caption. */
    private static final Set<String> TEXTUAL = Set.of("text", "interactive", "button");

    private MessageContent() {
    }

    static boolean textual(String type) {
        return TEXTUAL.contains(type);
    }

    /** The typed text, the title of a tapped option, or a media caption. */
    static String text(Map<String, Object> message) {
        Object text = path(message, "text", "body");
        if (text == null) {
            text = path(message, "interactive", "button_reply", "title");
        }
        if (text == null) {
            text = path(message, "interactive", "list_reply", "title");
        }
        if (text == null) {
            text = path(message, "button", "text");
        }
        if (text == null && message.get("type") instanceof String type) {
            text = path(message, type, "caption");
        }
        return text == null ? null : text.toString();
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

    /** A shared location's latitude and longitude, or {@code null} when it has no usable pair. */
    static double[] location(Map<String, Object> message) {
        double lat = number(path(message, "location", "latitude"));
        double lon = number(path(message, "location", "longitude"));
        if (Double.isNaN(lat) || Double.isNaN(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
            return null;
        }
        return new double[] {lat, lon};
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
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
