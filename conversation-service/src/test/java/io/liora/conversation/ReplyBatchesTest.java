package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.clients.IntegrationsApi.BatchItem;
import io.liora.conversation.clients.IntegrationsApi.OutgoingMessage;
import io.liora.conversation.processing.ReplyBatches;
import io.liora.testing.InjectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant's turns that finish while its call to integrations-service is under way go together in
 * the next call, each turn answered its own replies' results in order; a call refused for one
 * turn's reply is made again turn by turn, so only that turn's replies are refused.
 */
@QuarkusTest
class ReplyBatchesTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    ReplyBatches batches;

    private final UUID tenant = UUID.randomUUID();

    @BeforeEach
    void stubs() {
        wiremock.resetAll();
        Webhooks.tenantService(wiremock);
        QueuedReplies.accept(wiremock);
        // the first turn's call takes a while, so the others gather behind it
        wiremock.stubFor(post(QueuedReplies.BATCH).withRequestBody(containing("first:0")).atPriority(1)
                .willReturn(QueuedReplies.accepted().withFixedDelay(400)));
    }

    @Test
    void turnsThatFinishDuringACallGoTogetherInTheNext() throws Throwable {
        List<List<BatchItem>> results = VertxContextSupport.subscribeAndAwait(() -> Uni.join().all(
                batches.queue(tenant, List.of(reply("first:0"))),
                batches.queue(tenant, List.of(reply("second:0"), reply("second:1"))),
                batches.queue(tenant, List.of(reply("third:0")))).andFailFast());

        assertThat(results).extracting(List::size).containsExactly(1, 2, 1);
        assertThat(results).flatExtracting(r -> r).allSatisfy(item -> {
            assertThat(item.id()).isNotNull();
            assertThat(item.problem()).isNull();
        });
        List<List<String>> calls = QueuedReplies.batches(wiremock).stream().map(call -> keys(call.getBodyAsString()))
                .toList();
        assertThat(calls).containsExactly(List.of("first:0"), List.of("second:0", "second:1", "third:0"));
        assertThat(QueuedReplies.batches(wiremock)).allSatisfy(call ->
                assertThat(call.getHeader("X-Client-ID")).isEqualTo(tenant.toString()));
    }

    @Test
    void aCallRefusedForOneTurnsReplyIsMadeAgainTurnByTurn() throws Throwable {
        wiremock.stubFor(post(QueuedReplies.BATCH).withRequestBody(containing("bad:0")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":400,\"errors\":[{\"field\":\"messages[0].text\"}]}")));
        List<List<BatchItem>> results = VertxContextSupport.subscribeAndAwait(() -> Uni.join().all(
                batches.queue(tenant, List.of(reply("first:0"))),
                batches.queue(tenant, List.of(reply("bad:0"))),
                batches.queue(tenant, List.of(reply("good:0"), reply("good:1")))).andFailFast());

        assertThat(results.get(0)).singleElement().satisfies(item -> assertThat(item.id()).isNotNull());
        assertThat(results.get(1)).singleElement().satisfies(item -> {
            assertThat(item.id()).isNull();
            assertThat(item.problem().status()).isEqualTo(400);
        });
        assertThat(results.get(2)).hasSize(2).allSatisfy(item -> assertThat(item.problem()).isNull());
        assertThat(QueuedReplies.batches(wiremock).stream().map(call -> keys(call.getBodyAsString())).toList())
                .containsExactly(List.of("first:0"), List.of("bad:0", "good:0", "good:1"), List.of("bad:0"),
                        List.of("good:0", "good:1"));
    }

    private static OutgoingMessage reply(String key) {
        return new OutgoingMessage("56912345678", null, UUID.randomUUID(), "155555555555555", "text",
                Map.of("body", "hola " + key), null, null, key);
    }

    private static List<String> keys(String body) {
        try {
            JsonNode messages = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("messages");
            List<String> keys = new java.util.ArrayList<>();
            messages.forEach(m -> keys.add(m.path("idempotency_key").asText()));
            return keys;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
