package io.liora.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What reached the sandbox's Graph API: the answers, as Meta would have received them. */
final class Sandbox {

    /** One answer: what it said (type and text) and when the sandbox received it. */
    record Answer(String says, Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;

    Sandbox(Stack stack, HttpClient http) {
        this.http = http;
        this.base = stack.sandboxUrl();
    }

    /** The answers to one contact, in the order they arrived. */
    List<Answer> answers(String phoneNumberId, String contact) throws IOException, InterruptedException {
        JsonNode chat = get("/sandbox/conversations/" + phoneNumberId + "/" + contact).get("messages");
        return outgoing(chat);
    }

    /** The answers to every contact of the number whose msisdn starts with {@code prefix}. */
    Map<String, List<Answer>> answersByContact(String phoneNumberId, String prefix)
            throws IOException, InterruptedException {
        Map<String, List<Answer>> found = new HashMap<>();
        get("/sandbox/conversations/" + phoneNumberId + "?prefix=" + prefix).fields()
                .forEachRemaining(chat -> found.put(chat.getKey(), outgoing(chat.getValue())));
        return found;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static List<Answer> outgoing(JsonNode chat) {
        List<Answer> out = new ArrayList<>();
        chat.forEach(m -> {
            if ("out".equals(m.get("direction").asText())) {
                String says = m.get("type").asText() + ":" + (m.hasNonNull("text") ? m.get("text").asText()
                        : String.valueOf(m.get("interactive")));
                out.add(new Answer(says, Instant.parse(m.get("at").asText())));
            }
        });
        return out;
    }
}
