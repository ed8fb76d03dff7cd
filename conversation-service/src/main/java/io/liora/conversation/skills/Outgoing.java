package io.liora.conversation.skills;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reply message in integrations-service's shape (Meta's), built within Meta's limits: titles
 * and descriptions are cut to fit (row title 24, description 72, button 20) rather than refused.
 *
 * @param type        text or interactive
 * @param text        the text, for a text message
 * @param interactive Meta's interactive object
 * @param summary     what the log shows for it
 */
public record Outgoing(String type, Map<String, Object> text, Map<String, Object> interactive, String summary) {

    /** A list row or a reply button. */
    public record Option(String id, String title, String description) {
    }

    public static Outgoing text(String body) {
        return new Outgoing("text", Map.of("body", cut(body, 4096), "preview_url", body.contains("https://")), null,
                body);
    }

    /** An interactive list: up to 10 rows in one section. */
    public static Outgoing list(String body, String button, String section, List<Option> options) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Option option : options.subList(0, Math.min(10, options.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", cut(option.id(), 200));
            row.put("title", cut(option.title(), 24));
            if (option.description() != null && !option.description().isBlank()) {
                row.put("description", cut(option.description(), 72));
            }
            rows.add(row);
        }
        Map<String, Object> interactive = new LinkedHashMap<>();
        interactive.put("type", "list");
        interactive.put("body", Map.of("text", cut(body, 1024)));
        interactive.put("action", Map.of("button", cut(button, 20),
                "sections", List.of(Map.of("title", cut(section, 24), "rows", rows))));
        return new Outgoing("interactive", null, interactive, body);
    }

    /** Up to 3 reply buttons. */
    public static Outgoing buttons(String body, List<Option> options) {
        List<Map<String, Object>> buttons = new ArrayList<>();
        for (Option option : options.subList(0, Math.min(3, options.size()))) {
            buttons.add(Map.of("type", "reply", "reply", Map.of("id", cut(option.id(), 200),
                    "title", cut(option.title(), 20))));
        }
        Map<String, Object> interactive = new LinkedHashMap<>();
        interactive.put("type", "button");
        interactive.put("body", Map.of("text", cut(body, 1024)));
        interactive.put("action", Map.of("buttons", buttons));
        return new Outgoing("interactive", null, interactive, body);
    }

    /** Cut to {@code max} characters, ending with an ellipsis when cut. */
    static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        if (stripped.codePointCount(0, stripped.length()) <= max) {
            return stripped;
        }
        return stripped.substring(0, stripped.offsetByCodePoints(0, max - 1)).strip() + "…";
    }
}
