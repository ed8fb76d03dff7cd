package io.liora.conversation.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.liora.common.text.StorableText;
import java.util.Iterator;
import java.util.Map;

/**
 * What PostgreSQL cannot hold, made storable: NUL characters (refused by {@code text} and
 * {@code jsonb}) and lone surrogates (not UTF-8) become U+FFFD. A signed webhook may carry either;
 * the message is still stored, its original text kept beside it.
 */
final class SafeJson {

    static final char REPLACEMENT = '\uFFFD';
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Escapes everything outside ASCII, so a lone surrogate survives as {@code \\uD800} text. */
    private static final ObjectMapper ASCII = new ObjectMapper()
            .configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, true);

    private SafeJson() {
    }

    /** Whether {@code text} holds a character PostgreSQL refuses. */
    static boolean unsafe(String text) {
        return StorableText.unstorable(text);
    }

    static String text(String text) {
        if (text == null || !unsafe(text)) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                safe.append(c).append(text.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                safe.append(REPLACEMENT);
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }

    /** The node with every unsafe string (values and names) made safe; the same node when none was. */
    static JsonNode node(JsonNode node) {
        if (node.isTextual()) {
            String safe = text(node.textValue());
            return safe == node.textValue() ? node : TextNode.valueOf(safe);
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode child = node.get(i);
                JsonNode safe = node(child);
                if (safe != child && copy == null) {
                    copy = ((ArrayNode) node).deepCopy();
                }
                if (copy != null) {
                    copy.set(i, safe);
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isObject()) {
            boolean changed = false;
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = text(field.getKey());
                JsonNode safe = node(field.getValue());
                changed |= name != field.getKey() || safe != field.getValue();
                copy.set(name, safe);
            }
            return changed ? copy : node;
        }
        return node;
    }

    /** JSON text that any text column holds: non-ASCII escaped. */
    static String asciiText(JsonNode node) {
        try {
            return ASCII.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
