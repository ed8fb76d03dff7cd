package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When one of our own services fails: a refusal (4xx) is permanent, so the customer is answered at
 * once; a failure that can pass (5xx, a restart) is tried again in seconds, so nothing worse goes out.
 */
@QuarkusTest
class FailingServicesTest {

    private static final String CONTACT = "56912345678";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    private FlowSupport flow;
    private UUID tenant;

    @BeforeEach
    void stubs() throws Throwable {
        flow = new FlowSupport(wiremock, processor).start("{}");
        tenant = flow.tenant;
    }

    @Test
    void aLinkIntegrationsServiceCouldNotMakeIsTriedAgainAndARefusedOneFallsBackAtOnce() throws Throwable {
        // unreachable for a moment (a restart): the message is answered on its next try, tracked link and all
        wiremock.stubFor(post("/integrations/links/shorten").inScenario("restart")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("up")
                .atPriority(1));
        flow.tap(CONTACT, "catalogo.producto:CAF-001", "Café de grano");
        assertThat(flow.replies()).as("nothing sent with an untracked link").isEmpty();
        Thread.sleep(2100);
        flow.round();
        assertThat(flow.onlyReply().path("text").path("body").asText()).contains("https://bit.ly/3cAf");

        // refused (a permanent answer): the customer gets the product at once, with its plain link
        // (another product: the coffee's link, once made, is answered from memory)
        wiremock.resetRequests();
        wiremock.stubFor(post("/integrations/links/shorten").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":400}")));
        flow.tap(CONTACT, "catalogo.producto:ZAP-001", "Zapatillas running");
        assertThat(flow.onlyReply().path("text").path("body").asText()).contains("https://tienda.example.com/p/zap-001");
        wiremock.resetRequests();
        flow.tap(CONTACT, "catalogo.producto:CAF-001", "Café de grano");
        assertThat(flow.onlyReply().path("text").path("body").asText()).contains("https://bit.ly/3cAf");
    }

    @Test
    void aPermanentRefusalByOneOfOurServicesIsAnsweredAtOnceNotRetried() throws Throwable {
        // a term catalog-service would refuse (over 200 characters) is not even sent to it
        String wamid = flow.say(CONTACT, "Ana", "buscar " + "zapatillas ".repeat(21));
        assertThat(flow.onlyReply().path("text").path("body").asText()).contains("demasiado larga");
        wiremock.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/catalog/clientes/" + tenant + "/catalog/items")));
        assertThat(TestDb.query(tenant, "select status, attempts from inbound_messages where wamid = ?", wamid).get(0))
                .containsEntry("status", "done").containsEntry("attempts", 1);

        // catalog-service refusing the catalog: answered at once
        wiremock.resetRequests();
        wiremock.stubFor(get("/catalog/clientes/" + tenant + "/catalog/active").willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/problem+json").withBody("{\"status\":400}")));
        flow.say(CONTACT, "Ana", "buscar té");
        assertThat(flow.onlyReply().path("text").path("body").asText()).contains("No pude buscar eso");

        // integrations-service refusing the reply for good (the contact opted out meanwhile): finished, with why
        wiremock.resetRequests();
        wiremock.stubFor(post(QueuedReplies.BATCH).willReturn(okJson("{\"results\":[{\"problem\":"
                + "{\"type\":\"urn:liora:problem:opted-out\",\"status\":409}}]}")));
        String refused = flow.say(CONTACT, "Ana", "hola");
        assertThat(TestDb.query(tenant, "select status, attempts from inbound_messages where wamid = ?", refused)
                .get(0)).containsEntry("status", "done").containsEntry("attempts", 1);
        assertThat(TestDb.query(tenant, "select note from conversation_log where wamid = ?", refused).get(0))
                .containsEntry("note", "send_refused_409");
    }
}
