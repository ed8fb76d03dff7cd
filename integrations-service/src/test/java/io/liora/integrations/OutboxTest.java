package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.liora.integrations.whatsapp.SendingPauses;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbox against a WireMock Meta and tenant-service that answer like the real ones. */
@QuarkusTest
class OutboxTest extends OutboxTestSupport {

    @Test
    void aQueuedMessageIsSentOnceWithTheTenantsTokenAndItsWamidKept() throws Throwable {
        graphAnswers(okJson(sent("wamid.HBgLNTY5MTIzNDU2NzgVAgARGBI1")));
        String id = send(text("m-1", "Hola 👋, ¿en qué te ayudo?")).then().statusCode(202)
                .extract().path("id");
        send(text("m-1", "Hola 👋, ¿en qué te ayudo?")).then().statusCode(202)
                .body("id", org.hamcrest.Matchers.equalTo(id));
        round();
        round();
        wiremock.verify(1, postRequestedFor(urlEqualTo("/graph/v21.0/" + number + "/messages"))
                .withHeader("Authorization", equalTo("Bearer EAAG-tenant-token"))
                .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"to\":\"56912345678\",\"type\":\"text\",\"text\":{\"body\":\"Hola 👋, ¿en qué te ayudo?\","
                        + "\"preview_url\":false},\"biz_opaque_callback_data\":\"liora:" + id + "\"}")));
        Map<String, Object> row = row(id);
        assertThat(row).containsEntry("status", "sent").containsEntry("wamid", "wamid.HBgLNTY5MTIzNDU2NzgVAgARGBI1");
    }

    @Test
    void throttlingIsRetriedWithBackoffThenSent() throws Throwable {
        wiremock.stubFor(post(urlPathMatching("/graph/.*")).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(metaError(429, 130429, "Rate limit hit")).willSetStateTo("ok"));
        wiremock.stubFor(post(urlPathMatching("/graph/.*")).inScenario("throttle").whenScenarioStateIs("ok")
                .willReturn(okJson(sent("wamid.after-throttle"))));
        String id = send(text("t-1", "hola")).then().statusCode(202).extract().path("id");
        round();
        assertThat(row(id)).containsEntry("status", "queued").containsEntry("error_code", 130429);
        awaitStatus(id, "sent");
    }

    @Test
    void dropsAndServerErrorsAreTemporaryAndBounded() throws Throwable {
        graphAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        String id = send(text("d-1", "hola")).then().statusCode(202).extract().path("id");
        awaitStatus(id, "failed");
        assertThat(row(id).get("attempts")).isEqualTo(3);
    }

    @Test
    void permanentErrorsFailWithMetasCodeAndCanBeReplayedOnce() throws Throwable {
        graphAnswers(metaError(400, 131026, "Message undeliverable"));
        String id = send(text("p-1", "hola")).then().statusCode(202).extract().path("id");
        round();
        assertThat(row(id)).containsEntry("status", "failed").containsEntry("error_code", 131026)
                .containsEntry("error_title", "Message undeliverable");
        // listing the outbox is for the tenant's staff (no service reads it)
        io.restassured.RestAssured.given().auth().oauth2(io.liora.testing.TestTokens.staff("owner", tenant))
                .get("/clientes/" + tenant + "/messages?status=failed").then().statusCode(200)
                .body("items.id", hasItem(id));

        graphAnswers(okJson(sent("wamid.replayed")));
        asService().post("/messages/" + id + "/retry").then().statusCode(202);
        round();
        assertThat(row(id)).containsEntry("status", "sent").containsEntry("wamid", "wamid.replayed");
        asService().post("/messages/" + id + "/retry").then().statusCode(409);
    }

    @Inject
    SendingPauses pauses;

    @Test
    void anExpiredTokenFailsTheMessagePausesTheTenantAndAsksForReauth() throws Throwable {
        graphAnswers(metaError(401, 190, "Error validating access token: Session has expired"));
        String first = send(text("e-1", "hola")).then().statusCode(202).extract().path("id");
        round();
        assertThat(row(first)).containsEntry("status", "failed").containsEntry("error_code", 190);
        wiremock.verify(postRequestedFor(urlEqualTo("/tenant/internal/clientes/" + tenant + "/waba/" + number
                + "/needs-reauth")));
        assertThat(TestDb.query(tenant, "select reason from sending_pauses")).hasSize(1);

        graphAnswers(okJson(sent("wamid.while-paused")));
        String second = send(text("e-2", "hola otra vez")).then().statusCode(202).extract().path("id");
        round();
        assertThat(row(second)).containsEntry("status", "queued");

        // the tenant rotates its token; at the next check the pause lifts and the message goes
        credentials("activo");
        round();
        assertThat(row(second)).as("paused until its check is due").containsEntry("status", "queued");
        TestDb.update(tenant, "update sending_pauses set check_after = now() - interval '1 second'");
        assertThat(VertxContextSupport.subscribeAndAwait(() -> pauses.resumeRotated())).isEqualTo(1);
        round();
        assertThat(row(second)).containsEntry("status", "sent");
    }

    @Test
    void deliveryStatusesOnlyMoveForward() throws Throwable {
        graphAnswers(okJson(sent("wamid.status-1")));
        String id = send(text("s-1", "hola")).then().statusCode(202).extract().path("id");
        round();
        statuses(List.of(status("wamid.status-1", "read"), status("wamid.status-1", "delivered"),
                status("wamid.status-1", "read"), status("wamid.unknown", "delivered")))
                .then().statusCode(200).body("applied", org.hamcrest.Matchers.equalTo(1))
                .body("ignored", org.hamcrest.Matchers.equalTo(3));
        assertThat(row(id)).containsEntry("status", "read");
    }

    @Test
    void aFailedStatusKeepsMetasError() throws Throwable {
        graphAnswers(okJson(sent("wamid.status-2")));
        String id = send(text("s-2", "hola")).then().statusCode(202).extract().path("id");
        round();
        statuses(List.of(Map.of("id", "wamid.status-2", "status", "failed", "timestamp", "1764400000",
                "errors", List.of(Map.of("code", 131026, "title", "Message undeliverable"))))).then().statusCode(200);
        assertThat(row(id)).containsEntry("status", "failed").containsEntry("error_code", 131026);
    }

    @Test
    void aTextAfterTheWindowFailsOnceWithTheFixInItsError() throws Throwable {
        graphAnswers(metaError(400, 131047, "(#131047) Re-engagement message"));
        String id = send(text("w-1", "¿Sigues ahí?")).then().statusCode(202).extract().path("id");
        round();
        assertThat(row(id)).containsEntry("status", "failed").containsEntry("error_code", 131047);
        assertThat((String) row(id).get("error_title")).startsWith("(#131047) Re-engagement message")
                .contains("send an approved template instead");
        round();
        wiremock.verify(1, postRequestedFor(urlPathMatching("/graph/.*")));
    }

    @Test
    void anInboundMessageIsMarkedReadWithTheTypingIndicator() {
        graphAnswers(okJson("{\"success\":true}"));
        asService().contentType("application/json").body(Map.of("message_id", "wamid.inbound-1", "phone_number_id", number))
                .post("/messages/read").then().statusCode(204);
        wiremock.verify(postRequestedFor(urlEqualTo("/graph/v21.0/" + number + "/messages"))
                .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"status\":\"read\","
                        + "\"message_id\":\"wamid.inbound-1\",\"typing_indicator\":{\"type\":\"text\"}}")));
        graphAnswers(metaError(400, 100, "Invalid parameter"));
        asService().contentType("application/json").body(Map.of("message_id", "wamid.nope", "phone_number_id", number))
                .post("/messages/read").then().statusCode(502).body("type",
                        org.hamcrest.Matchers.equalTo("urn:liora:problem:meta-error"));
    }

    @Test
    void sendsAreMeasured() throws Throwable {
        graphAnswers(okJson(sent("wamid.measured")));
        send(text("metric-1", "hola")).then().statusCode(202);
        round();
        io.liora.testing.Management.request().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("liora_whatsapp_sends_total{code=\"none\",outcome=\"sent\""))
                .body(org.hamcrest.Matchers.containsString("liora_whatsapp_queue_depth"))
                .body(org.hamcrest.Matchers.containsString("liora_whatsapp_send_latency_seconds_count"))
                .body(org.hamcrest.Matchers.containsString("liora_whatsapp_rate{phone_number_id=\"" + number + "\"}"));
    }

    @Test
    void metasLimitsAreCheckedBeforeQueueing() {
        send(text("v-1", "x".repeat(4097))).then().statusCode(400).body("errors.field", hasItem("text.body"));
        Map<String, Object> buttons = Map.of("type", "button", "body", Map.of("text", "¿Qué buscas?"),
                "action", Map.of("buttons", List.of(button("1", "Uno"), button("2", "Dos"), button("3", "Tres"),
                        button("4", "Cuatro"))));
        send(interactive("v-2", buttons)).then().statusCode(400).body("errors.field", hasItem("interactive.action.buttons"));
        Map<String, Object> longTitle = Map.of("type", "button", "body", Map.of("text", "¿Qué buscas?"),
                "action", Map.of("buttons", List.of(button("1", "Un título demasiado largo"))));
        send(interactive("v-3", longTitle)).then().statusCode(400)
                .body("errors.field", hasItem("interactive.action.buttons[0].reply.title"));
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            rows.add(Map.of("id", "r" + i, "title", "Fila " + i));
        }
        Map<String, Object> list = Map.of("type", "list", "body", Map.of("text", "Elige"),
                "action", Map.of("button", "Ver", "sections", List.of(Map.of("title", "A", "rows", rows.subList(0, 6)),
                        Map.of("title", "B", "rows", rows.subList(6, 11)))));
        send(interactive("v-4", list)).then().statusCode(400).body("errors.field", hasItem("interactive.action.sections"));
        send(Map.of("to", "56912345678", "phone_number_id", number, "type", "text", "idempotency_key", "v-5"))
                .then().statusCode(400).body("errors.field", hasItem("text"));
        send(Map.of("to", "+56 9 1234", "phone_number_id", number, "type", "sms", "idempotency_key", "v-6"))
                .then().statusCode(400).body("errors.field", hasItem("to")).body("errors.field", hasItem("type"));
    }

    @Test
    void anotherTenantsMessagesAreOutOfReach() {
        graphAnswers(okJson(sent("wamid.mine")));
        String id = send(text("i-1", "hola")).then().statusCode(202).extract().path("id");
        UUID other = UUID.randomUUID();
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", other.toString())
                .post("/messages/" + id + "/retry").then().statusCode(404);
        given().auth().oauth2(TestTokens.staff("owner", other)).get("/clientes/" + tenant + "/messages")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.staff("owner", tenant)).contentType("application/json")
                .body(text("i-2", "hola")).post("/messages").then().statusCode(403);
    }
}
