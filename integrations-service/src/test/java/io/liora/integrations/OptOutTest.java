package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The suppression list: no message is queued to a contact who opted out, whichever service asks and
 * however it addresses them, except the confirmation of the opt-out; opting back in lifts it.
 */
@QuarkusTest
class OptOutTest extends OutboxTestSupport {

    private static final String PHONE = "56912345678";
    private static final String BSUID = "CL.1502576394655843";

    @Test
    void anOptedOutContactGetsOnlyItsConfirmationWhoeverAsks() {
        UUID contact = UUID.randomUUID();
        optOut(contact, "{\"phone\":\"" + PHONE + "\",\"bsuid\":\"" + BSUID + "\",\"confirmation_key\":\"stop:0\"}")
                .then().statusCode(204);

        send(forContact(text("stop:0", "Listo, no te enviaremos más mensajes."), contact)).then().statusCode(202);
        send(forContact(text("later:0", "¿Seguimos?"), contact)).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:liora:problem:opted-out"));
        // the same person addressed without the contact id: by phone, or by BSUID
        send(text("by-phone:0", "hola")).then().statusCode(409);
        Map<String, Object> byBsuid = new HashMap<>(text("by-bsuid:0", "hola"));
        byBsuid.remove("to");
        byBsuid.put("recipient", BSUID);
        send(byBsuid).then().statusCode(409);
        // another tenant's customers are not affected
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", UUID.randomUUID().toString())
                .contentType("application/json").body(text("other:0", "hola")).post("/messages").then().statusCode(202);

        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString())
                .delete("/internal/contacts/" + contact + "/opt-out").then().statusCode(204);
        send(forContact(text("back:0", "¡Qué bueno tenerte de vuelta!"), contact)).then().statusCode(202);
    }

    @Test
    void aUsernameOnlyCustomerIsSentToThroughItsBsuid() throws Throwable {
        graphAnswers(okJson(sent("wamid.HBgLbsuid")));
        Map<String, Object> body = new HashMap<>(text("u-1", "hola"));
        body.remove("to");
        body.put("recipient", BSUID);
        String id = send(body).then().statusCode(202).extract().path("id");
        round();
        round();
        wiremock.verify(1, postRequestedFor(urlEqualTo("/graph/v21.0/" + number + "/messages"))
                .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"recipient\":\"" + BSUID + "\",\"type\":\"text\",\"text\":{\"body\":\"hola\","
                        + "\"preview_url\":false},\"biz_opaque_callback_data\":\"liora:" + id + "\"}")));
        Map<String, Object> neither = new HashMap<>(text("u-2", "hola"));
        neither.remove("to");
        send(neither).then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("to"));
        Map<String, Object> badBsuid = new HashMap<>(neither);
        badBsuid.put("recipient", "not a bsuid");
        send(badBsuid).then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("recipient"));
    }

    @Test
    void onlyServicesRecordOptOutsAndOnlyForTheirTenant() {
        UUID contact = UUID.randomUUID();
        given().auth().oauth2(TestTokens.staff("owner", tenant)).contentType("application/json").body("{}")
                .put("/internal/contacts/" + contact + "/opt-out").then().statusCode(403);
        optOut(contact, "{\"phone\":\"+56 9\"}").then().statusCode(400);
        // recorded for another tenant, it does not touch this one's customer
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", UUID.randomUUID().toString())
                .contentType("application/json").body("{\"phone\":\"" + PHONE + "\"}")
                .put("/internal/contacts/" + contact + "/opt-out").then().statusCode(204);
        send(forContact(text("mine:0", "hola"), contact)).then().statusCode(202);
    }

    private io.restassured.response.Response optOut(UUID contact, String body) {
        return asService().contentType("application/json").body(body).put("/internal/contacts/" + contact + "/opt-out");
    }

    private static Map<String, Object> forContact(Map<String, Object> body, UUID contact) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put("contact_id", contact.toString());
        return copy;
    }
}
