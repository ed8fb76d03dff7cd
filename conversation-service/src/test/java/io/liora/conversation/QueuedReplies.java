package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * integrations-service's queue as WireMock plays it: the bot's replies arrive in batches
 * ({@code POST /messages/batch}, one result per message), a person's answers one by one
 * ({@code POST /messages}); and what was queued, in order.
 */
final class QueuedReplies {

    static final String BATCH = "/integrations/messages/batch";
    static final String ONE = "/integrations/messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueuedReplies() {
    }

    /** Every message of every batch queued, each with an id of its own. */
    static ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"results\":[{{#each (jsonPath request.body '$.messages') as |m|}}{{#unless @first}},"
                        + "{{/unless}}{\"id\":\"{{randomValue type='UUID'}}\",\"status\":\"queued\"}{{/each}}]}")
                .withTransformers("response-template");
    }

    static void accept(WireMockServer wiremock) {
        wiremock.stubFor(post(BATCH).willReturn(accepted()));
        wiremock.stubFor(post(ONE).willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"{{randomValue type='UUID'}}\",\"status\":\"queued\"}")
                .withTransformers("response-template")));
    }

    /** The calls that queued the bot's replies, oldest first. */
    static List<LoggedRequest> batches(WireMockServer wiremock) {
        return wiremock.findAll(postRequestedFor(urlEqualTo(BATCH))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    /** Every message queued (the bot's and a person's), oldest first, a batch's in its order. */
    static List<JsonNode> all(WireMockServer wiremock) {
        List<LoggedRequest> calls = new ArrayList<>(wiremock.findAll(postRequestedFor(urlEqualTo(BATCH))));
        calls.addAll(wiremock.findAll(postRequestedFor(urlEqualTo(ONE))));
        calls.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        List<JsonNode> messages = new ArrayList<>();
        for (LoggedRequest call : calls) {
            JsonNode body = read(call.getBodyAsString());
            if (call.getUrl().equals(BATCH)) {
                body.path("messages").forEach(messages::add);
            } else {
                messages.add(body);
            }
        }
        return messages;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
