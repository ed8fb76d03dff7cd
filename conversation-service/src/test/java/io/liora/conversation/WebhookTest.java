package io.liora.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.liora.testing.TestPostgres;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Meta's webhook: the subscription check, signatures, and storing every message exactly once. */
@QuarkusTest
class WebhookTest {

    @InjectWireMock
    WireMockServer wiremock;

    private UUID tenant;
    private String number;

    @BeforeEach
    void stubs() {
        wiremock.resetAll();
        Webhooks.tenantService(wiremock);
        tenant = UUID.randomUUID();
        number = Webhooks.newNumber();
        Webhooks.number(wiremock, number, tenant, "activo");
    }

    @Test
    void theSubscriptionCheckEchoesTheChallengeOnlyForTheRightToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1158201444").get("/webhook/meta").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain")).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "wrong")
                .queryParam("hub.challenge", "1").get("/webhook/meta").then().statusCode(403);
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1").get("/webhook/meta").then().statusCode(403);
    }

    @Test
    void aSignedMessageIsStoredForTheNumbersTenant() {
        String wamid = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(number, Webhooks.contact("56912345678", "Ana"),
                Webhooks.text(wamid, "56912345678", Webhooks.now(), "hola"), "")).then().statusCode(200);
        List<Map<String, Object>> rows = TestDb.query(tenant,
                "select msisdn, profile_name, message_type, status, message->'text'->>'body' as body"
                        + " from inbound_messages where wamid = ?", wamid);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("msisdn", "56912345678").containsEntry("profile_name", "Ana")
                .containsEntry("status", "pending").containsEntry("body", "hola");
    }

    @Test
    void signaturesAreCheckedOnTheBytesAsReceivedWithAccentsAndEmoji() {
        String wamid = Webhooks.wamid();
        // Meta escapes non-ASCII in the bytes it signs: "¿Tienen café? ☕"
        String escaped = Webhooks.body(number, Webhooks.contact("56912345678", "Jos\\u00e9"),
                Webhooks.text(wamid, "56912345678", Webhooks.now(), "\\u00bfTienen caf\\u00e9? \\u2615"), "");
        byte[] bytes = escaped.getBytes(StandardCharsets.UTF_8);
        Webhooks.postSigned(bytes, Webhooks.sign(Webhooks.SECRET, bytes)).then().statusCode(200);
        assertThat(TestDb.query(tenant, "select message->'text'->>'body' as body, profile_name from inbound_messages"
                + " where wamid = ?", wamid).get(0)).containsEntry("body", "¿Tienen café? ☕")
                .containsEntry("profile_name", "José");
        // the same content re-serialised unescaped does not carry the same signature
        String unescaped = escaped.replace("\\u00bf", "¿").replace("\\u00e9", "é").replace("\\u2615", "☕");
        Webhooks.postSigned(unescaped.getBytes(StandardCharsets.UTF_8), Webhooks.sign(Webhooks.SECRET, bytes))
                .then().statusCode(401);
    }

    @Test
    void missingOrWrongSignaturesStoreNothing() {
        String wamid = Webhooks.wamid();
        byte[] body = Webhooks.body(number, "", Webhooks.text(wamid, "56912345678", Webhooks.now(), "hola"), "")
                .getBytes(StandardCharsets.UTF_8);
        Webhooks.postSigned(body, null).then().statusCode(401).contentType("application/problem+json");
        Webhooks.postSigned(body, Webhooks.sign("another-secret", body)).then().statusCode(401);
        Webhooks.postSigned(body, "sha256=zz").then().statusCode(401);
        Webhooks.postSigned(body, "sha1=" + "0".repeat(40)).then().statusCode(401);
        assertThat(TestDb.query(tenant, "select 1 from inbound_messages where wamid = ?", wamid)).isEmpty();
    }

    @Test
    void theOldSecretWorksDuringARotation() {
        String wamid = Webhooks.wamid();
        byte[] body = Webhooks.body(number, "", Webhooks.text(wamid, "56912345678", Webhooks.now(), "hola"), "")
                .getBytes(StandardCharsets.UTF_8);
        Webhooks.postSigned(body, Webhooks.sign("test-app-secret-old", body)).then().statusCode(200);
    }

    @Test
    void invalidJsonAfterAGoodSignatureIsABadRequest() {
        byte[] body = "{\"object\": \"whatsapp_business_account\", \"entry\": [".getBytes(StandardCharsets.UTF_8);
        Webhooks.postSigned(body, Webhooks.sign(Webhooks.SECRET, body)).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void overThreeMebibytesIsRefused() {
        byte[] body = ("{\"pad\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        Webhooks.postSigned(body, Webhooks.sign(Webhooks.SECRET, body)).then().statusCode(413);
    }

    @Test
    void theSamePayloadDeliveredThreeTimesIsStoredOnce() {
        String wamid = Webhooks.wamid();
        String body = Webhooks.body(number, "", Webhooks.text(wamid, "56912345678", Webhooks.now(), "hola"), "");
        for (int i = 0; i < 3; i++) {
            Webhooks.deliver(body).then().statusCode(200);
        }
        assertThat(TestDb.query(tenant, "select 1 from inbound_messages where wamid = ?", wamid)).hasSize(1);
    }

    @Test
    void everyEntryChangeAndMessageIsStored() {
        String a1 = Webhooks.wamid();
        String a2 = Webhooks.wamid();
        String b1 = Webhooks.wamid();
        long now = Webhooks.now();
        String first = Webhooks.body(number, Webhooks.contact("56911111111", "A") + "," + Webhooks.contact("56922222222", "B"),
                Webhooks.text(a1, "56911111111", now, "uno") + "," + Webhooks.text(b1, "56922222222", now, "dos"), "");
        String second = Webhooks.body(number, "", Webhooks.text(a2, "56911111111", now + 1, "tres"), "");
        // two entries in one delivery
        String both = first.substring(0, first.length() - 2) + "," + second.substring(second.indexOf("[{") + 1);
        Webhooks.deliver(both).then().statusCode(200);
        assertThat(TestDb.query(tenant, "select wamid from inbound_messages where wamid in (?, ?, ?)", a1, a2, b1))
                .hasSize(3);
    }

    @Test
    void unknownNumbersAndSuspendedTenantsAreKeptAsUnroutable() {
        String unknown = "199999999999999";
        Webhooks.unknownNumber(wiremock, unknown);
        String lost = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(unknown, "", Webhooks.text(lost, "56912345678", Webhooks.now(), "hola"), ""))
                .then().statusCode(200);
        UUID suspended = UUID.randomUUID();
        String suspendedNumber = "188888888888888";
        Webhooks.number(wiremock, suspendedNumber, suspended, "suspendido");
        String paused = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(suspendedNumber, "", Webhooks.text(paused, "56912345678", Webhooks.now(), "hola"),
                "")).then().statusCode(200);
        assertThat(TestDb.query(suspended, "select 1 from inbound_messages where wamid = ?", paused))
                .as("no tenant sees an unroutable message").isEmpty();
        io.liora.testing.Management.request().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "liora_webhook_messages_total{result=\"unroutable\"}"));
    }

    @Test
    void statusesAreKeptOnceForTheForwarder() {
        String ours = Webhooks.wamid();
        String body = Webhooks.body(number, "", "", Webhooks.status(ours, "delivered", "56912345678") + ","
                + Webhooks.status(ours, "read", "56912345678"));
        Webhooks.deliver(body).then().statusCode(200);
        Webhooks.deliver(body).then().statusCode(200);
        assertThat(TestDb.query(tenant, "select status from pending_statuses where wamid = ? order by status", ours))
                .extracting(row -> row.get("status")).containsExactly("delivered", "read");
    }

    @Test
    void whenTheDatabaseIsDownMetaIsToldToRetryAndNothingIsLost() {
        String wamid = Webhooks.wamid();
        String body = Webhooks.body(number, "", Webhooks.text(wamid, "56912345678", Webhooks.now(), "hola"), "");
        TestPostgres postgres = TestPostgres.server();
        String jdbcUrl = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class);
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        try {
            // the service's database role can no longer connect, and its open connections are cut
            postgres.asSuperuser("postgres", "ALTER ROLE liora_app NOLOGIN");
            postgres.asSuperuser("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE usename = 'liora_app' AND datname = '" + database + "'");
            Webhooks.deliver(body).then().statusCode(503).contentType("application/problem+json");
        } finally {
            postgres.asSuperuser("postgres", "ALTER ROLE liora_app LOGIN");
        }
        // Meta retries the same delivery once the database is back: stored, once
        Webhooks.deliver(body).then().statusCode(200);
        assertThat(TestDb.query(tenant, "select 1 from inbound_messages where wamid = ?", wamid)).hasSize(1);
    }

    @Test
    void whenTenantServiceIsDownMetaIsToldToRetry() {
        String number = "177777777777777";
        wiremock.stubFor(WireMock.get("/tenant/internal/waba/by-phone-number/" + number)
                .willReturn(WireMock.aResponse().withStatus(503)));
        Webhooks.deliver(Webhooks.body(number, "", Webhooks.text(Webhooks.wamid(), "56912345678", Webhooks.now(), "hola"),
                "")).then().statusCode(503).header("Retry-After", "5");
    }

    @Test
    void templateWebhooksAreHandedToIntegrationsBeforeTheyAreAcknowledged() {
        String event = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"300000000000009\","
                + "\"time\":" + Webhooks.now() + ",\"changes\":[{\"field\":\"message_template_status_update\","
                + "\"value\":{\"event\":\"APPROVED\",\"message_template_id\":910000000000009,"
                + "\"message_template_name\":\"pedido_listo\",\"message_template_language\":\"es\","
                + "\"reason\":\"NONE\"}}]}]}";
        // integrations-service cannot take it: 503, so Meta delivers it again
        wiremock.stubFor(WireMock.post("/integrations/internal/templates/events")
                .willReturn(WireMock.aResponse().withStatus(503)));
        Webhooks.deliver(event).then().statusCode(503);
        wiremock.stubFor(WireMock.post("/integrations/internal/templates/events")
                .willReturn(WireMock.okJson("{\"applied\":1,\"ignored\":0}")));
        Webhooks.deliver(event).then().statusCode(200);
        wiremock.verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo("/integrations/internal/templates/events"))
                .withRequestBody(WireMock.matchingJsonPath("$.events[0].waba_id", WireMock.equalTo("300000000000009")))
                .withRequestBody(WireMock.matchingJsonPath("$.events[0].field",
                        WireMock.equalTo("message_template_status_update")))
                .withRequestBody(WireMock.matchingJsonPath("$.events[0].value.event", WireMock.equalTo("APPROVED")))
                .withRequestBody(WireMock.matchingJsonPath("$.events[0].value.message_template_id",
                        WireMock.equalTo("910000000000009"))));
        // a webhook of messages only never calls it
        Webhooks.deliver(Webhooks.body(number, Webhooks.contact("56912345678", "Ana"),
                Webhooks.text(Webhooks.wamid(), "56912345678", Webhooks.now(), "hola"), "")).then().statusCode(200);
        wiremock.verify(2, WireMock.postRequestedFor(WireMock.urlEqualTo("/integrations/internal/templates/events")));
    }
}
