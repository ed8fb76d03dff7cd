package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.liora.testing.TestPostgres;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the outbox promises about delivery when things go wrong: a recipient's replies stay in
 * order, and a message Meta accepted is not sent again when the database restarts or a sender dies.
 */
@QuarkusTest
class OutboxDeliveryTest extends OutboxTestSupport {

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
}
