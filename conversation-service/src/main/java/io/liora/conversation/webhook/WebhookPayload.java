package io.liora.conversation.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every message and status of a Meta webhook: all entries, all changes, not only the first. */
record WebhookPayload(List<Message> messages, List<Status> statuses) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** A customer's message, as Meta sent it. */
    record Message(String phoneNumberId, String wamid, String from, String profileName, String type, Instant sentAt,
            Map<String, Object> message) {
    }

    /** A delivery status of one of our messages. */
    record Status(String phoneNumberId, String wamid, String status, Map<String, Object> item) {
    }

    static WebhookPayload parse(JsonNode root) {
        List<Message> messages = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                String number = value.path("metadata").path("phone_number_id").asText(null);
                if (number == null) {
                    continue;
                }
                Map<String, String> names = new HashMap<>();
                for (JsonNode contact : value.path("contacts")) {
                    names.put(contact.path("wa_id").asText(), contact.path("profile").path("name").asText(null));
                }
                for (JsonNode message : value.path("messages")) {
                    String wamid = message.path("id").asText(null);
                    String from = message.path("from").asText(null);
                    if (wamid == null || from == null) {
                        continue;
                    }
                    messages.add(new Message(number, wamid, from, names.get(from), message.path("type").asText("unknown"),
                            Instant.ofEpochSecond(message.path("timestamp").asLong(Instant.now().getEpochSecond())),
                            JSON.convertValue(message, MAP)));
                }
                for (JsonNode status : value.path("statuses")) {
                    String wamid = status.path("id").asText(null);
                    String state = status.path("status").asText(null);
                    if (wamid != null && state != null) {
                        statuses.add(new Status(number, wamid, state, JSON.convertValue(status, MAP)));
                    }
                }
            }
        }
        return new WebhookPayload(messages, statuses);
    }
}
