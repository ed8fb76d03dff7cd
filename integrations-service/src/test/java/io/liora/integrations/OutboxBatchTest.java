package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /messages/batch}: a tenant's replies queued in their order in one call, each answered
 * as {@code POST /messages} would answer it alone (queued, queued already under its key, refused for
 * an opted-out contact), sent in that order; a bad message refuses the batch, naming its place.
 */
@QuarkusTest
class OutboxBatchTest extends OutboxTestSupport {

    @Inject
    MeterRegistry registry;

    @Test
    void aBatchIsQueuedInOrderOnceEachAndSentInThatOrder() throws Throwable {
        graphAnswers(okJson(sent("wamid.HBgL{{randomValue length=12 type='ALPHANUMERIC'}}"))
                .withTransformers("response-template"));
        List<Map<String, Object>> batch = List.of(text("b:0", "primero"), text("b:1", "segundo"),
                interactive("b:2", Map.of("type", "button", "body", Map.of("text", "¿Algo más?"),
                        "action", Map.of("buttons", List.of(button("menu", "Menú"))))));
        Response first = sendAll(batch).then().statusCode(200).extract().response();
        List<String> ids = first.path("results.id");
        assertThat(ids).hasSize(3).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(first.<List<String>>path("results.status")).containsOnly("queued");

        // the same keys again: the same messages, nothing new
        assertThat(sendAll(batch).then().statusCode(200).extract().<List<String>>path("results.id")).isEqualTo(ids);
        assertThat(TestDb.query(tenant, "select count(*) as n from outbound_messages where cliente_id = ?", tenant)
                .get(0)).containsEntry("n", 3L);

        for (String id : ids) {
            awaitStatus(id, "sent");
        }
        List<String> bodies = wiremock.findAll(postRequestedFor(urlEqualTo("/graph/v21.0/" + number + "/messages")))
                .stream().map(r -> r.getBodyAsString()).toList();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(0)).contains("primero");
        assertThat(bodies.get(1)).contains("segundo");
        assertThat(bodies.get(2)).contains("¿Algo más?");
    }

    @Test
    void aRoundsAcceptedSendsAreRecordedTogether() throws Throwable {
        // Meta answers each send after a second: time for the test to hold the ten rows, so that
        // the first accepted send's record waits on them while the other nine are accepted (without
        // the hold, ten answers a commit apart would each be recorded alone, and the test would
        // depend on timing)
        graphAnswers(okJson(sent("wamid.HBgL{{randomValue length=12 type='ALPHANUMERIC'}}"))
                .withTransformers("response-template").withFixedDelay(1000));
        DistributionSummary records = registry.find("liora.whatsapp.sent.records").summary();
        long transactionsBefore = records == null ? 0 : records.count();
        double sendsBefore = records == null ? 0 : records.totalAmount();
        List<Map<String, Object>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> message = new HashMap<>(text("r:" + i, "hola"));
            message.put("to", "5691234560" + i); // ten recipients: one round sends them all at once
            batch.add(message);
        }
        List<String> ids = sendAll(batch).then().statusCode(200).extract().path("results.id");
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                round();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        awaitMetaRequests(10);
        try (Connection held = TestDb.begin(tenant)) {
            for (String id : ids) {
                TestDb.update(held, "update outbound_messages set updated_at = updated_at where id = ?", UUID.fromString(id));
            }
            Thread.sleep(1500); // Meta's ten answers arrive: the first record waits, the other nine queue behind it
            held.commit();
        }
        sending.get(10, TimeUnit.SECONDS);
        for (String id : ids) {
            awaitStatus(id, "sent");
        }
        records = registry.find("liora.whatsapp.sent.records").summary();
        assertThat(records.totalAmount() - sendsBefore).isEqualTo(10.0);
        assertThat(records.count() - transactionsBefore).as("ten sends accepted at once, recorded in fewer transactions")
                .isLessThanOrEqualTo(3);
    }

    private void awaitMetaRequests(int count) throws InterruptedException {
        for (int i = 0; i < 500 && metaRequests() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(metaRequests()).as("sends Meta received").isEqualTo(count);
    }

    private int metaRequests() {
        return wiremock.findAll(postRequestedFor(urlEqualTo("/graph/v21.0/" + number + "/messages"))).size();
    }

    @Test
    void anOptedOutContactsMessageIsRefusedInItsPlaceAndTheOthersQueued() {
        UUID optedOut = UUID.randomUUID();
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString())
                .contentType("application/json").body("{\"phone\":\"56911111111\",\"confirmation_key\":\"stop:0\"}")
                .put("/internal/contacts/" + optedOut + "/opt-out").then().statusCode(204);
        Map<String, Object> toOptedOut = new HashMap<>(text("later:0", "¿Seguimos?"));
        toOptedOut.put("to", "56911111111");
        toOptedOut.put("contact_id", optedOut.toString());

        sendAll(List.of(text("a:0", "hola"), toOptedOut, text("c:0", "chao"))).then().statusCode(200)
                .body("results[0].status", equalTo("queued"))
                .body("results[1].id", nullValue())
                .body("results[1].problem.type", equalTo("urn:liora:problem:opted-out"))
                .body("results[1].problem.status", equalTo(409))
                .body("results[2].status", equalTo("queued"));
        assertThat(TestDb.query(tenant, "select idempotency_key from outbound_messages where cliente_id = ?"
                + " order by created_at", tenant)).extracting(row -> row.get("idempotency_key"))
                .containsExactlyInAnyOrder("a:0", "c:0");
    }

    @Test
    void aBadMessageRefusesTheBatchNamingItsPlace() {
        Map<String, Object> noText = new HashMap<>(text("x:1", "hola"));
        noText.remove("text");
        sendAll(List.of(text("x:0", "hola"), noText)).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItems("messages[1].text"));
        Map<String, Object> template = Map.of("to", "56912345678", "phone_number_id", number, "type", "template",
                "template", Map.of("name", "oferta", "language", Map.of("code", "es")), "idempotency_key", "t:0");
        sendAll(List.of(template)).then().statusCode(400).body("errors.field", hasItems("messages[0].type"));
        sendAll(List.of()).then().statusCode(400);
        assertThat(TestDb.query(tenant, "select count(*) as n from outbound_messages where cliente_id = ?", tenant)
                .get(0)).containsEntry("n", 0L);
    }

    @Test
    void aBatchIsTheCallingTenantsOnlyAndNeedsTheSendScope() {
        UUID other = UUID.randomUUID();
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", other.toString())
                .contentType("application/json").body(Map.of("messages", List.of(text("o:0", "hola"))))
                .post("/messages/batch").then().statusCode(200);
        assertThat(TestDb.queryAcrossTenants("select cliente_id from outbound_messages where idempotency_key = 'o:0'"
                + " and cliente_id in (?, ?)", tenant, other)).extracting(row -> row.get("cliente_id"))
                .containsExactly(other);
        given().auth().oauth2(TestTokens.staff("agent", tenant)).header("X-Client-ID", tenant.toString())
                .contentType("application/json").body(Map.of("messages", List.of(text("s:0", "hola"))))
                .post("/messages/batch").then().statusCode(403);
    }

    private Response sendAll(List<Map<String, Object>> messages) {
        return asService().contentType("application/json").body(Map.of("messages", messages)).post("/messages/batch");
    }
}
