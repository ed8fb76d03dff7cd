package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.integrations.whatsapp.OutboxSender;
import io.liora.testing.TestDb;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestTokens;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the outbox tests share: a WireMock Meta and tenant-service that answer like the real ones, a
 * fresh tenant and number per test, and the calls and rows the tests look at.
 */
abstract class OutboxTestSupport {

    @InjectWireMock
    protected WireMockServer wiremock;

    @Inject
    protected OutboxSender sender;

    protected UUID tenant;
    protected String number;

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

    protected void round() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> sender.round());
    }

    /** As if a sender had claimed the message and its lease ends {@code fromNow} from now (negative: ended). */
    protected void leaseEnds(String id, String fromNow) throws Exception {
        TestDb.update(tenant, "update outbound_messages set claimed_until = now() + cast(? as interval),"
                + " attempts = greatest(attempts, 1) where id = ?", fromNow, UUID.fromString(id));
    }

    protected void awaitStatus(String id, String status) throws Throwable {
        for (int i = 0; i < 50 && !status.equals(row(id).get("status")); i++) {
            Thread.sleep(60);
            round();
        }
        assertThat(row(id)).containsEntry("status", status);
    }

    protected Map<String, Object> row(String id) {
        return TestDb.query(tenant, "select status, wamid, error_code, error_title, attempts from outbound_messages"
                + " where id = ?", UUID.fromString(id)).get(0);
    }

    protected void credentials(String estado) {
        wiremock.stubFor(get(urlPathMatching("/tenant/internal/clientes/.*/credentials")).willReturn(okJson(
                "{\"cliente_id\":\"" + tenant + "\",\"phone_number_id\":\"" + number
                        + "\",\"access_token\":\"EAAG-tenant-token\",\"estado\":\"" + estado + "\"}")));
    }

    protected void graphAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        wiremock.stubFor(post(urlPathMatching("/graph/.*")).willReturn(answer));
    }

    protected static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder metaError(int http, int code,
            String message) {
        return aResponse().withStatus(http).withHeader("Content-Type", "application/json").withBody(
                "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                        + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + message + "\"},"
                        + "\"fbtrace_id\":\"AbCdEf123\"}}");
    }

    protected static String sent(String wamid) {
        return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"56912345678\",\"wa_id\":\"56912345678\"}],"
                + "\"messages\":[{\"id\":\"" + wamid + "\"}]}";
    }

    protected Map<String, Object> text(String key, String body) {
        return Map.of("to", "56912345678", "phone_number_id", number, "type", "text",
                "text", Map.of("body", body), "idempotency_key", key);
    }

    protected Map<String, Object> interactive(String key, Map<String, Object> interactive) {
        return Map.of("to", "56912345678", "phone_number_id", number, "type", "interactive",
                "interactive", interactive, "idempotency_key", key);
    }

    protected static Map<String, Object> button(String id, String title) {
        return Map.of("type", "reply", "reply", Map.of("id", id, "title", title));
    }

    protected static Map<String, Object> status(String wamid, String status) {
        return Map.of("id", wamid, "status", status, "timestamp", String.valueOf(System.currentTimeMillis() / 1000));
    }

    protected io.restassured.response.Response send(Map<String, Object> body) {
        return asService().contentType("application/json").body(body).post("/messages");
    }

    protected io.restassured.response.Response statuses(List<Map<String, Object>> statuses) {
        return asService().contentType("application/json").body(Map.of("statuses", statuses)).post("/internal/statuses");
    }

    protected RequestSpecification asService() {
        return given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString());
    }
}
