package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.liora.integrations.whatsapp.OutboxSender;
import io.liora.testing.TestDb;
import io.liora.testing.TestPostgres;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox against a WireMock Meta and tenant-service that answer like the real ones. */
@QuarkusTest
class OutboxTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    OutboxSender sender;

    private UUID tenant;
    private String number;

    @BeforeEach
    void stubs() throws Exception {
        QueuedMessages.clear();
        wiremock.resetAll();
        tenant = UUID.randomUUID();
        number = String.valueOf(100_000_000_000_000L + (long) (Math.random() * 1e14));
        wiremock.stubFor(post("/tenant/oauth/token").willReturn(okJson(
                "{\"access_token\":\"" + TestTokens.service("integrations-service")
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        credentials("activo");
        wiremock.stubFor(post(urlPathMatching("/tenant/internal/clientes/.*/needs-reauth"))
                .willReturn(aResponse().withStatus(204)));
    }

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
    void aRecipientsRepliesReachMetaInOrderWhileAnotherRecipientIsNotHeldUp() throws Throwable {
        // the first reply meets a 5xx and waits for its retry: the second must not overtake it
        wiremock.stubFor(post(urlPathMatching("/graph/.*")).inScenario("order").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(containing("primero")).willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        wiremock.stubFor(post(urlPathMatching("/graph/.*")).inScenario("order").whenScenarioStateIs("ok")
                .withRequestBody(containing("primero")).willReturn(okJson(sent("wamid.order-1"))));
        for (String body : List.of("segundo", "tercero", "otro")) {
            wiremock.stubFor(post(urlPathMatching("/graph/.*")).withRequestBody(containing(body))
                    .willReturn(okJson(sent("wamid.order-" + body))));
        }
        String first = send(text("o-1", "primero")).then().statusCode(202).extract().path("id");
        String second = send(text("o-2", "segundo")).then().statusCode(202).extract().path("id");
        String third = send(text("o-3", "tercero")).then().statusCode(202).extract().path("id");
        Map<String, Object> other = Map.of("to", "56987654321", "phone_number_id", number, "type", "text",
                "text", Map.of("body", "otro"), "idempotency_key", "o-4");
        String elsewhere = send(other).then().statusCode(202).extract().path("id");

        round();
        assertThat(row(first)).containsEntry("status", "queued");
        assertThat(row(second)).containsEntry("status", "queued");
        assertThat(row(elsewhere)).containsEntry("status", "sent");
        awaitStatus(third, "sent");

        List<String> bodies = wiremock.findAll(postRequestedFor(urlPathMatching("/graph/.*"))
                        .withRequestBody(containing("56912345678"))).stream()
                .map(request -> request.getBodyAsString().replaceAll(".*\"body\":\"(\\w+)\".*", "$1")).toList();
        assertThat(bodies).containsExactly("primero", "primero", "segundo", "tercero");
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
        graphAnswers(metaError(400, 131047, "Re-engagement message"));
        String id = send(text("p-1", "hola")).then().statusCode(202).extract().path("id");
        round();
        assertThat(row(id)).containsEntry("status", "failed").containsEntry("error_code", 131047)
                .containsEntry("error_title", "Re-engagement message");
        asService().get("/clientes/" + tenant + "/messages?status=failed").then().statusCode(200)
                .body("items.id", hasItem(id));

        graphAnswers(okJson(sent("wamid.replayed")));
        asService().post("/messages/" + id + "/retry").then().statusCode(202);
        round();
        assertThat(row(id)).containsEntry("status", "sent").containsEntry("wamid", "wamid.replayed");
        asService().post("/messages/" + id + "/retry").then().statusCode(409);
    }

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
        TestDb.update(tenant, "update sending_pauses set check_after = now() - interval '1 second'");
        round();
        round();
        assertThat(row(second)).containsEntry("status", "sent");
    }

    @Test
    void aSendWhoseRecordMeetsTheDatabaseDownIsRecordedWhenItIsBackAndNotSentAgain() throws Throwable {
        graphAnswers(okJson(sent("wamid.db-restart")).withFixedDelay(1500));
        String id = send(text("r-1", "hola")).then().statusCode(202).extract().path("id");
        TestPostgres postgres = TestPostgres.server();
        String jdbcUrl = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class);
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        var sending = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                round();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            Thread.sleep(700); // Meta is answering: the database goes away before the answer is recorded
            postgres.asSuperuser("postgres", "ALTER ROLE liora_app NOLOGIN");
            postgres.asSuperuser("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE usename = 'liora_app' AND datname = '" + database + "'");
            Thread.sleep(2500);
        } finally {
            postgres.asSuperuser("postgres", "ALTER ROLE liora_app LOGIN");
        }
        sending.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(row(id)).containsEntry("status", "sent").containsEntry("wamid", "wamid.db-restart");
        leaseEnds(id, "-1 second");
        round();
        wiremock.verify(1, postRequestedFor(urlPathMatching("/graph/.*")));
    }

    @Test
    void aSenderThatDiedMidSendLeavesTheMessageToTheNextAfterItsLease() throws Throwable {
        graphAnswers(okJson(sent("wamid.after-crash")));
        String id = send(text("c-1", "hola")).then().statusCode(202).extract().path("id");
        // another replica claimed it and is (as far as anyone knows) still sending: not taken
        leaseEnds(id, "30 seconds");
        round();
        assertThat(row(id)).containsEntry("status", "queued");
        // it died: its lease ran out, but Meta may have the message: it waits for a status a while longer
        leaseEnds(id, "-1 second");
        round();
        assertThat(row(id)).containsEntry("status", "queued");
        // no status came: Meta never had it, and the message is sent
        leaseEnds(id, "-46 seconds");
        round();
        assertThat(row(id)).containsEntry("status", "sent").containsEntry("attempts", 2);
        // Meta is told which message it is, so that its statuses can name it
        wiremock.verify(postRequestedFor(urlPathMatching("/graph/.*"))
                .withRequestBody(matchingJsonPath("$.biz_opaque_callback_data", equalTo("liora:" + id))));
    }

    @Test
    void aSendWhoseSenderDiedIsRecognisedByItsStatusAndNotSentAgain() throws Throwable {
        graphAnswers(okJson(sent("wamid.never-recorded")));
        String id = send(text("c-2", "hola")).then().statusCode(202).extract().path("id");
        // a sender sent it and died before recording Meta's answer; its lease and the grace are over
        leaseEnds(id, "-2 minutes");
        // Meta's status names the message by the callback data it was sent with
        Map<String, Object> status = new java.util.HashMap<>(status("wamid.sent-by-the-dead", "sent"));
        status.put("biz_opaque_callback_data", "liora:" + id);
        status.put("recipient_id", "56912345678");
        statuses(List.of(status)).then().statusCode(200).body("applied", org.hamcrest.Matchers.equalTo(1));
        assertThat(row(id)).containsEntry("status", "sent").containsEntry("wamid", "wamid.sent-by-the-dead");
        round();
        wiremock.verify(0, postRequestedFor(urlPathMatching("/graph/.*")));
        // later statuses find it by its wamid; another tenant's callback data adopts nothing
        statuses(List.of(status("wamid.sent-by-the-dead", "delivered"))).then().statusCode(200);
        assertThat(row(id)).containsEntry("status", "delivered");
        String other = send(text("c-3", "hola")).then().statusCode(202).extract().path("id");
        leaseEnds(other, "-2 minutes");
        Map<String, Object> foreign = new java.util.HashMap<>(status("wamid.foreign", "sent"));
        foreign.put("biz_opaque_callback_data", "liora:" + other);
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", UUID.randomUUID().toString())
                .contentType("application/json").body(Map.of("statuses", List.of(foreign))).post("/internal/statuses")
                .then().statusCode(200).body("applied", org.hamcrest.Matchers.equalTo(0));
        assertThat(row(other)).containsEntry("status", "queued").containsEntry("wamid", null);
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
        given().get("/q/metrics").then().statusCode(200)
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

    // --- helpers -------------------------------------------------------------------------------

    private void round() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> sender.round());
    }

    /** As if a sender had claimed the message and its lease ends {@code fromNow} from now (negative: ended). */
    private void leaseEnds(String id, String fromNow) throws Exception {
        TestDb.update(tenant, "update outbound_messages set claimed_until = now() + cast(? as interval),"
                + " attempts = greatest(attempts, 1) where id = ?", fromNow, UUID.fromString(id));
    }

    private void awaitStatus(String id, String status) throws Throwable {
        for (int i = 0; i < 50 && !status.equals(row(id).get("status")); i++) {
            Thread.sleep(60);
            round();
        }
        assertThat(row(id)).containsEntry("status", status);
    }

    private Map<String, Object> row(String id) {
        return TestDb.query(tenant, "select status, wamid, error_code, error_title, attempts from outbound_messages"
                + " where id = ?", UUID.fromString(id)).get(0);
    }

    private void credentials(String estado) {
        wiremock.stubFor(get(urlPathMatching("/tenant/internal/clientes/.*/credentials")).willReturn(okJson(
                "{\"cliente_id\":\"" + tenant + "\",\"phone_number_id\":\"" + number
                        + "\",\"access_token\":\"EAAG-tenant-token\",\"estado\":\"" + estado + "\"}")));
    }

    private void graphAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        wiremock.stubFor(post(urlPathMatching("/graph/.*")).willReturn(answer));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder metaError(int http, int code,
            String message) {
        return aResponse().withStatus(http).withHeader("Content-Type", "application/json").withBody(
                "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                        + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + message + "\"},"
                        + "\"fbtrace_id\":\"AbCdEf123\"}}");
    }

    private static String sent(String wamid) {
        return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"56912345678\",\"wa_id\":\"56912345678\"}],"
                + "\"messages\":[{\"id\":\"" + wamid + "\"}]}";
    }

    private Map<String, Object> text(String key, String body) {
        return Map.of("to", "56912345678", "phone_number_id", number, "type", "text",
                "text", Map.of("body", body), "idempotency_key", key);
    }

    private Map<String, Object> interactive(String key, Map<String, Object> interactive) {
        return Map.of("to", "56912345678", "phone_number_id", number, "type", "interactive",
                "interactive", interactive, "idempotency_key", key);
    }

    private static Map<String, Object> button(String id, String title) {
        return Map.of("type", "reply", "reply", Map.of("id", id, "title", title));
    }

    private static Map<String, Object> status(String wamid, String status) {
        return Map.of("id", wamid, "status", status, "timestamp", String.valueOf(System.currentTimeMillis() / 1000));
    }

    private io.restassured.response.Response send(Map<String, Object> body) {
        return asService().contentType("application/json").body(body).post("/messages");
    }

    private io.restassured.response.Response statuses(List<Map<String, Object>> statuses) {
        return asService().contentType("application/json").body(Map.of("statuses", statuses)).post("/internal/statuses");
    }

    private RequestSpecification asService() {
        return given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString());
    }
}
