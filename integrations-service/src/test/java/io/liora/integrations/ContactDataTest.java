package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.integrations.privacy.Retention;
import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A contact's data here: exported exactly, erased for good (queued messages cancelled, sent ones
 * redacted, nothing sent to the contact again), and past the tenant's window, redacted.
 */
@QuarkusTest
class ContactDataTest extends OutboxTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANA = "56912345678";
    private static final String BETO = "56987654321";

    @Inject
    Retention retention;

    private Map<String, Object> to(String phone, UUID contact, String key, String text) {
        Map<String, Object> body = new HashMap<>(text(key, text));
        body.put("to", phone);
        body.put("contact_id", contact.toString());
        return body;
    }

    private io.restassured.response.Response data(UUID contact, String part, String phone) {
        return asData().contentType("application/json")
                .body(Map.of("phones", List.of(phone), "bsuids", List.of()))
                .post("/internal/contacts/" + contact + "/" + part);
    }

    private io.restassured.specification.RequestSpecification asData() {
        return given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString());
    }

    private Map<String, Object> stored(String id) {
        return TestDb.query(tenant, "select recipient, status, wamid from outbound_messages where id = ?",
                UUID.fromString(id)).get(0);
    }

    @Test
    void aContactsDataIsExportedExactlyAndErasedForGood() throws Throwable {
        UUID ana = UUID.randomUUID();
        UUID beto = UUID.randomUUID();
        String sentText = "texto de ana " + UUID.randomUUID();
        String queuedText = "texto pendiente " + UUID.randomUUID();
        String betoText = "texto de beto " + UUID.randomUUID();
        String anaWamid = "wamid.HBgL" + UUID.randomUUID();
        graphAnswers(okJson(sent(anaWamid)));
        String sentId = send(to(ANA, ana, "a-1", sentText)).then().statusCode(202).extract().path("id");
        round();
        awaitStatus(sentId, "sent");
        String queuedId = send(to(ANA, ana, "a-2", queuedText)).then().statusCode(202).extract().path("id");
        send(to(BETO, beto, "b-1", betoText)).then().statusCode(202);
        asService().contentType("application/json").body("{\"phone\":\"" + ANA + "\"}")
                .put("/internal/contacts/" + ana + "/opt-out").then().statusCode(204);

        JsonNode export = JSON.readTree(data(ana, "export", ANA).then().statusCode(200).extract().asString());
        assertThat(export.path("outbound_messages")).hasSize(2);
        assertThat(export.toString()).contains(sentText).contains(queuedText).doesNotContain(betoText)
                .doesNotContain(BETO).doesNotContain(tenant.toString());
        assertThat(export.path("opt_outs")).hasSize(1);

        // another tenant asking for the same contact id changes nothing here
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", UUID.randomUUID().toString())
                .contentType("application/json").body(Map.of("phones", List.of(ANA), "bsuids", List.of()))
                .post("/internal/contacts/" + ana + "/erasure").then().statusCode(200)
                .body("messages_redacted", equalTo(0));
        assertThat(TestDb.tablesHolding(tenant, sentText)).containsExactly("outbound_messages");

        data(ana, "erasure", ANA).then().statusCode(200).body("messages_redacted", equalTo(2))
                .body("messages_cancelled", equalTo(1)).body("opt_outs_removed", equalTo(1));
        for (String trace : List.of(ANA, sentText, queuedText)) {
            assertThat(TestDb.tablesHolding(tenant, trace)).as(trace).isEmpty();
        }
        assertThat(TestDb.tablesHolding(tenant, betoText)).containsExactly("outbound_messages");
        assertThat(row(queuedId)).containsEntry("status", "cancelled");
        assertThat(row(sentId)).containsEntry("status", "sent").containsEntry("wamid", anaWamid);
        wiremock.resetRequests();
        round();
        round();
        wiremock.verify(1, postRequestedFor(urlEqualTo("/graph/v21.0/" + number + "/messages"))); // Beto's only
        // nothing is queued for the erased contact again, whoever asks; opting in does not lift it
        asService().delete("/internal/contacts/" + ana + "/opt-out").then().statusCode(204);
        send(to(ANA, ana, "a-3", "¿sigues ahí?")).then().statusCode(409)
                .body("type", equalTo("urn:liora:problem:contact-erased"));
        asService().contentType("application/json").body("{\"phone\":\"" + ANA + "\"}")
                .put("/internal/contacts/" + ana + "/opt-out").then().statusCode(204);
        assertThat(TestDb.tablesHolding(tenant, ANA)).isEmpty();
        // idempotent
        data(ana, "erasure", ANA).then().statusCode(200).body("messages_redacted", equalTo(0))
                .body("opt_outs_removed", equalTo(0));
    }

    @Test
    void onlyConversationServiceReachesAContactsData() {
        UUID ana = UUID.randomUUID();
        for (String token : List.of(TestTokens.staff("owner", tenant), TestTokens.service("integrations-service"),
                TestTokens.service("conversation-service", Set.of("messages:send")))) {
            given().auth().oauth2(token).header("X-Client-ID", tenant.toString()).contentType("application/json")
                    .body(Map.of("phones", List.of(ANA), "bsuids", List.of()))
                    .post("/internal/contacts/" + ana + "/erasure").then().statusCode(403);
        }
        asData().contentType("application/json").body("{\"phones\":null}")
                .post("/internal/contacts/" + ana + "/export").then().statusCode(400);
    }

    @Test
    void sentMessagesOlderThanTheWindowAreRedactedAndTheRestKept() throws Throwable {
        UUID ana = UUID.randomUUID();
        String oldWamid = "wamid.HBgL" + UUID.randomUUID();
        graphAnswers(okJson(sent(oldWamid)));
        String oldText = "viejo " + UUID.randomUUID();
        String recentText = "reciente " + UUID.randomUUID();
        String old = send(to(ANA, ana, "r-1", oldText)).then().statusCode(202).extract().path("id");
        round();
        awaitStatus(old, "sent");
        graphAnswers(okJson(sent("wamid.HBgL" + UUID.randomUUID())));
        String recent = send(to(ANA, ana, "r-2", recentText)).then().statusCode(202).extract().path("id");
        round();
        awaitStatus(recent, "sent");
        String queuedOld = send(to(ANA, ana, "r-3", "en cola")).then().statusCode(202).extract().path("id");
        TestDb.update(tenant, "update outbound_messages set created_at = now() - interval '31 days' where id in (?, ?)",
                UUID.fromString(old), UUID.fromString(queuedOld));
        TestDb.update(tenant, "update outbound_messages set created_at = now() - interval '29 days' where id = ?",
                UUID.fromString(recent));
        wiremock.stubFor(get("/tenant/internal/retention").willReturn(okJson(
                "[{\"cliente_id\":\"" + tenant + "\",\"retention_days\":30}]")));

        VertxContextSupport.subscribeAndAwait(() -> retention.run());

        assertThat(stored(old)).containsEntry("recipient", "redacted").containsEntry("wamid", oldWamid)
                .containsEntry("status", "sent");
        assertThat(TestDb.tablesHolding(tenant, oldText)).isEmpty();
        assertThat(stored(recent)).containsEntry("recipient", ANA);
        assertThat(TestDb.tablesHolding(tenant, recentText)).containsExactly("outbound_messages");
        assertThat(stored(queuedOld)).as("a queued message is never touched").containsEntry("recipient", ANA)
                .containsEntry("status", "queued");
    }
}
