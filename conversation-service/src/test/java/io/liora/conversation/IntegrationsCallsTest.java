package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.conversation.processing.StatusForwarder;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What conversation-service asks of integrations-service besides the replies themselves: Meta's
 * statuses forwarded as stored, a product's short link (asked for once), and the intent fallback
 * for a message nothing else understood; each in the shape integrations-service reads.
 */
@QuarkusTest
class IntegrationsCallsTest {

    private static final String CONTACT = "56912345678";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    @Inject
    StatusForwarder statusForwarder;

    private FlowSupport flow;

    @BeforeEach
    void stubs() throws Throwable {
        flow = new FlowSupport(wiremock, processor).start("{}");
    }

    @Test
    void statusesAreHandedToIntegrations() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> statusForwarder.forward()); // what earlier tests left
        wiremock.resetRequests();
        String ours = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(flow.number, "", "", Webhooks.status(ours, "read", CONTACT))).then().statusCode(200);
        flow.round();
        wiremock.verify(0, postRequestedFor(urlEqualTo("/integrations/internal/statuses"))
                .withRequestBody(containing(ours))); // a message round forwards no statuses
        assertThat(VertxContextSupport.subscribeAndAwait(() -> statusForwarder.forward())).isEqualTo(1);
        wiremock.verify(1, postRequestedFor(urlEqualTo("/integrations/internal/statuses"))
                .withHeader("X-Client-ID", equalTo(flow.tenant.toString()))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.statuses[0].id", equalTo(ours)))
                .withRequestBody(matchingJsonPath("$.statuses[0].status", equalTo("read"))));
        assertThat(VertxContextSupport.subscribeAndAwait(() -> statusForwarder.forward())).isZero();
        wiremock.verify(1, postRequestedFor(urlEqualTo("/integrations/internal/statuses")));
    }

    @Test
    void aProductsLinkIsMadeOnceAndOneBitlyDidNotShortenIsAskedForAgain() throws Throwable {
        wiremock.resetRequests();
        flow.tap(CONTACT, "catalogo.producto:CAF-001", "Café de grano");
        flow.tap(CONTACT, "catalogo.producto:CAF-001", "Café de grano");
        for (JsonNode reply : flow.replies()) {
            assertThat(reply.path("text").path("body").asText()).contains("https://bit.ly/3cAf");
        }
        wiremock.verify(1, postRequestedFor(urlEqualTo("/integrations/links/shorten")));

        // Bitly down: the long tracked link answers, and is not kept
        wiremock.stubFor(post("/integrations/links/shorten").willReturn(okJson(
                "{\"long_url\":\"https://tienda.example.com/p/zap-001?utm_source=whatsapp\","
                        + "\"link\":\"https://tienda.example.com/p/zap-001?utm_source=whatsapp\","
                        + "\"shortened\":false,\"reason\":\"bitly_unreachable\"}")));
        wiremock.resetRequests();
        flow.tap(CONTACT, "catalogo.producto:ZAP-001", "Zapatillas running");
        flow.tap(CONTACT, "catalogo.producto:ZAP-001", "Zapatillas running");
        assertThat(flow.replies()).hasSize(2).allSatisfy(reply -> assertThat(reply.path("text").path("body").asText())
                .contains("https://tienda.example.com/p/zap-001?utm_source=whatsapp"));
        wiremock.verify(2, postRequestedFor(urlEqualTo("/integrations/links/shorten")));

        // another tenant's same product is its own link
        FlowSupport other = new FlowSupport(wiremock, processor).start("{}");
        wiremock.resetRequests();
        other.deliver("", Webhooks.listReply(Webhooks.wamid(), CONTACT, Webhooks.now(), "catalogo.producto:CAF-001",
                "Café de grano"));
        wiremock.verify(1, postRequestedFor(urlEqualTo("/integrations/links/shorten"))
                .withHeader("X-Client-ID", equalTo(other.tenant.toString())));
    }

    @Test
    void anUnmatchedMessageIsClassifiedByTheFallbackAmongNamedIntents() throws Throwable {
        flow.say(CONTACT, "Ana María", "hola"); // the first message of a contact is greeted whatever it says
        wiremock.stubFor(post("/integrations/nlp/classify").willReturn(okJson(
                "{\"intent\":\"vida_sana.alimentacion\",\"confidence\":0.92,\"source\":\"openai\"}")));
        wiremock.resetRequests();
        String wamid = flow.say(CONTACT, "Ana María", "blorp fizzwick quonk");
        wiremock.verify(1, postRequestedFor(urlEqualTo("/integrations/nlp/classify"))
                .withHeader("X-Client-ID", equalTo(flow.tenant.toString()))
                .withRequestBody(matchingJsonPath("$.text", equalTo("blorp fizzwick quonk")))
                .withRequestBody(matchingJsonPath("$.intents[?(@.name == 'vida_sana.alimentacion')].description")));
        assertThat(TestDb.query(flow.tenant, "select intent, intent_source from conversation_log where direction = 'in'"
                + " and inbound_message_id = (select id from inbound_messages where wamid = ?)", wamid).get(0))
                .containsEntry("intent", "vida_sana.alimentacion").containsEntry("intent_source", "nlp");
    }
}
