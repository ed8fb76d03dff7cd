package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "STOP", "baja", "no me escriban más": the customer gets one confirmation and then nothing,
 * integrations-service is told first (so no other service can message them either), and "alta"
 * brings them back.
 */
@QuarkusTest
class OptOutTest {

    private static final String PHONE = "56912345678";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    @Test
    void anOptedOutContactGetsExactlyOneConfirmationThenNothingUntilItOptsBackIn() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        say(flow, "hola");
        wiremock.resetRequests();

        String stop = say(flow, "No me escriban más, por favor");
        List<JsonNode> confirmation = flow.replies();
        assertThat(confirmation).hasSize(1);
        assertThat(FlowSupport.textOf(confirmation.get(0))).contains("no te enviaremos más mensajes");
        String contact = TestDb.query(flow.tenant, "select id from contacts where phone = ?", PHONE).get(0).get("id")
                .toString();
        wiremock.verify(putRequestedFor(urlPathMatching("/integrations/internal/contacts/" + contact + "/opt-out"))
                .withRequestBody(equalToJson("{\"phone\":\"" + PHONE + "\",\"confirmation_key\":\"" + stop + ":0\"}")));
        assertThat(TestDb.query(flow.tenant, "select opted_out_at is not null as out from contacts where id = ?::uuid",
                contact).get(0)).containsEntry("out", true);

        wiremock.resetRequests();
        String later = say(flow, "hola");
        flow.deliver("", Webhooks.typed(Webhooks.wamid(), PHONE, "image", "{\"id\":\"1\"}"));
        say(flow, "xyzzy");
        assertThat(flow.replies()).as("nothing after the confirmation").isEmpty();
        assertThat(TestDb.query(flow.tenant, "select note from conversation_log where wamid = ?", later).get(0))
                .containsEntry("note", "opted_out");

        given().auth().oauth2(TestTokens.staff("owner", flow.tenant)).get("/clientes/" + flow.tenant + "/metrics")
                .then().statusCode(200).body("contacts_opted_out", equalTo(1)).body("opt_outs", equalTo(1));

        say(flow, "ALTA");
        wiremock.verify(deleteRequestedFor(urlPathMatching("/integrations/internal/contacts/" + contact + "/opt-out")));
        assertThat(FlowSupport.textOf(flow.replies().get(0))).contains("Qué bueno tenerte de vuelta");
        wiremock.resetRequests();
        say(flow, "hola");
        assertThat(FlowSupport.rowIds(flow.replies().get(0))).contains("catalogo.categorias");
    }

    @Test
    void shortWordsOptOutOnlyAsTheWholeMessage() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        for (String stop : new String[] {"STOP", "Baja", "¡baja, por favor!", "desuscribir"}) {
            assertThat(optsOut(flow, stop)).as(stop).isTrue();
        }
        assertThat(optsOut(flow, "¿cuándo es la baja de precios?")).isFalse();
    }

    @Test
    void theTenantsOwnWordsReplaceOurs() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start(
                "{\"opt_out_keywords\":[\"chao bot\"],\"opt_in_keywords\":[\"hola de nuevo\"],"
                        + "\"texts\":{\"opt_out.confirmation\":\"Te dimos de baja.\"}}");
        assertThat(optsOut(flow, "stop")).isFalse();
        assertThat(optsOut(flow, "Chao bot")).isTrue();
    }

    /** Whether the message opted the (fresh) contact out; leaves it opted in again. */
    private boolean optsOut(FlowSupport flow, String text) throws Throwable {
        wiremock.resetRequests();
        say(flow, text);
        boolean out = (Boolean) TestDb.query(flow.tenant, "select opted_out_at is not null as out from contacts"
                + " where phone = ?", PHONE).get(0).get("out");
        TestDb.update(flow.tenant, "update contacts set opted_out_at = null");
        return out;
    }

    private static String say(FlowSupport flow, String text) throws Throwable {
        String wamid = Webhooks.wamid();
        flow.deliver(Webhooks.contact(PHONE, "Ana"), Webhooks.text(wamid, PHONE, Webhooks.now(), text));
        return wamid;
    }
}
