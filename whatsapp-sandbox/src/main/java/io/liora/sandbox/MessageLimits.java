package io.liora.sandbox;

import java.util.List;
import java.util.Map;

/** Meta's limits on a message, checked as the Cloud API checks them. */
final class MessageLimits {

    private MessageLimits() {
    }

    /** @return what is wrong, or {@code null} */
    @SuppressWarnings("unchecked")
    static String problem(Map<String, Object> body) {
        Object to = body.get("to");
        Object recipient = body.get("recipient");
        if (to == null && recipient == null) {
            return "to (a phone number) or recipient (a business-scoped user id) is required";
        }
        if (to != null && (!(to instanceof String number) || !number.matches("\\+?[0-9]{7,15}"))) {
            return "to must be a phone number";
        }
        if (to == null && (!(recipient instanceof String bsuid) || !bsuid.matches("[A-Z]{2}\\.[A-Za-z0-9.]{1,150}"))) {
            return "recipient must be a business-scoped user id";
        }
        String type = String.valueOf(body.get("type"));
        if ("text".equals(type)) {
            Object text = body.get("text") instanceof Map<?, ?> t ? ((Map<String, Object>) t).get("body") : null;
            if (!(text instanceof String value) || value.isBlank()) {
                return "text.body is required";
            }
            return value.length() > 4096 ? "text.body is longer than 4096 characters" : null;
        }
        if ("template".equals(type)) {
            return body.get("template") instanceof Map<?, ?> template && template.get("name") instanceof String
                    && template.get("language") instanceof Map<?, ?> ? null : "template.name and template.language are required";
        }
        if (!"interactive".equals(type) || !(body.get("interactive") instanceof Map<?, ?> raw)) {
            return "type must be text, interactive or template, with its object";
        }
        Map<String, Object> interactive = (Map<String, Object>) raw;
        Map<String, Object> action = (Map<String, Object>) interactive.getOrDefault("action", Map.of());
        if ("button".equals(interactive.get("type"))) {
            List<Map<String, Object>> buttons = (List<Map<String, Object>>) action.getOrDefault("buttons", List.of());
            if (buttons.isEmpty() || buttons.size() > 3) {
                return "a button message has 1 to 3 buttons";
            }
            for (Map<String, Object> button : buttons) {
                Map<String, Object> reply = (Map<String, Object>) button.getOrDefault("reply", Map.of());
                if (length(reply.get("title")) == 0 || length(reply.get("title")) > 20
                        || length(reply.get("id")) == 0 || length(reply.get("id")) > 256) {
                    return "button titles are 1 to 20 characters, ids up to 256";
                }
            }
            return null;
        }
        if ("list".equals(interactive.get("type"))) {
            if (length(action.get("button")) == 0 || length(action.get("button")) > 20) {
                return "the list button text is 1 to 20 characters";
            }
            int rows = 0;
            for (Map<String, Object> section : (List<Map<String, Object>>) action.getOrDefault("sections", List.of())) {
                for (Map<String, Object> row : (List<Map<String, Object>>) section.getOrDefault("rows", List.of())) {
                    rows++;
                    if (length(row.get("title")) == 0 || length(row.get("title")) > 24
                            || length(row.get("description")) > 72 || length(row.get("id")) > 200) {
                        return "row titles are 1 to 24 characters, descriptions up to 72, ids up to 200";
                    }
                }
            }
            return rows == 0 || rows > 10 ? "a list has 1 to 10 rows" : null;
        }
        return "interactive.type must be button or list";
    }

    private static int length(Object value) {
        return value == null ? 0 : value.toString().codePointCount(0, value.toString().length());
    }
}
