package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.liora.integrations.whatsapp.OutboxSender;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-number ceiling, across rounds, and AIMD on Meta's throughput limit (130429). */
@QuarkusTest
class RateGovernorTest {

    private static final String FIVE_PER_SECOND = "100000000000005";
    private static final String EIGHT_PER_SECOND = "100000000000008";

    /** Meta's success answer, with a fresh wamid each time (WireMock response templating). */
    private static final com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder UNIQUE_WAMID = aResponse()
            .withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.{{randomValue type='UUID'}}\"}]}")
            .withTransformers("response-template");

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    OutboxSender sender;

    private final UUID tenant = UUID.randomUUID();

    @BeforeEach
    void stubs() throws Exception {
        QueuedMessages.clear();
        wiremock.resetAll();
        wiremock.stubFor(post("/tenant/oauth/token").willReturn(okJson("{\"access_token\":\""
                + TestTokens.service("integrations-service") + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        wiremock.stubFor(get(urlPathMatching("/tenant/internal/clientes/.*/credentials")).willReturn(okJson(
                "{\"access_token\":\"EAAG-tenant-token\",\"estado\":\"activo\"}")));
    }

    @Test
    void aNumberNeverSendsFasterThanItsCeiling() throws Throwable {
        wiremock.stubFor(post(urlPathMatching("/graph/.*")).willReturn(UNIQUE_WAMID));
        for (int i = 0; i < 15; i++) {
            // to many recipients: one recipient's messages go one at a time, in order
            send(FIVE_PER_SECOND, "ceiling-" + i, "5691234" + String.format("%04d", i));
        }
        long start = System.nanoTime();
        round();
        assertThat(sentTo(FIVE_PER_SECOND)).as("a full bucket is one second of the ceiling").isEqualTo(5);
        while (System.nanoTime() - start < 1_200_000_000L) {
            round();
            Thread.sleep(50);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int sent = sentTo(FIVE_PER_SECOND);
        assertThat(sent).as("sent in %.2f s", elapsed).isLessThanOrEqualTo((int) Math.floor(5 + 5 * elapsed))
                .isGreaterThan(5);
    }

    @Test
    void throughputErrorsHalveTheRateAndCleanSecondsAddItBack() throws Throwable {
        wiremock.stubFor(post(urlPathMatching("/graph/.*")).inScenario("aimd").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\",\"code\":130429,"
                                + "\"fbtrace_id\":\"A1\"}}"))
                .willSetStateTo("ok"));
        wiremock.stubFor(post(urlPathMatching("/graph/.*")).inScenario("aimd").whenScenarioStateIs("ok")
                .willReturn(UNIQUE_WAMID));
        send(EIGHT_PER_SECOND, "aimd-1");
        round();
        assertThat(rate(EIGHT_PER_SECOND)).isEqualTo(4.0);

        owner("update send_rates set clean_since = now() - interval '3 seconds' where phone_number_id = '"
                + EIGHT_PER_SECOND + "'");
        send(EIGHT_PER_SECOND, "aimd-2");
        round();
        assertThat(rate(EIGHT_PER_SECOND)).as("+1 per clean second").isEqualTo(7.0);

        owner("update send_rates set clean_since = now() - interval '10 seconds' where phone_number_id = '"
                + EIGHT_PER_SECOND + "'");
        send(EIGHT_PER_SECOND, "aimd-3");
        round();
        assertThat(rate(EIGHT_PER_SECOND)).as("never above the ceiling").isEqualTo(8.0);
    }

    @Test
    void aPairRateLimitDelaysOnlyThatRecipient() throws Throwable {
        wiremock.stubFor(post(urlPathMatching("/graph/.*")).willReturn(UNIQUE_WAMID));
        wiremock.stubFor(post(urlPathMatching("/graph/.*"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matching(".*56900000001.*"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"(#131056) Pair rate limit hit\",\"code\":131056,\"fbtrace_id\":\"B2\"}}")));
        String number = "100000000000011";
        send(number, "pair-1", "56900000001");
        send(number, "pair-2", "56900000002");
        round();
        wiremock.verify(2, postRequestedFor(urlPathMatching("/graph/.*")));
        assertThat(rate(number)).as("a pair limit is not the number's limit").isEqualTo(80.0);
    }

    private void send(String number, String key) {
        send(number, key, "56912345678");
    }

    private void send(String number, String key, String to) {
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString())
                .contentType("application/json")
                .body(Map.of("to", to, "phone_number_id", number, "type", "text", "text", Map.of("body", "hola"),
                        "idempotency_key", key))
                .post("/messages").then().statusCode(202);
    }

    private void round() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> sender.round());
    }

    private int sentTo(String number) {
        return wiremock.findAll(postRequestedFor(urlPathMatching("/graph/v21.0/" + number + "/messages"))).size();
    }

    private double rate(String number) throws Exception {
        try (Connection db = ownerConnection(); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select rate from send_rates where phone_number_id = '" + number + "'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private void owner(String sql) throws Exception {
        try (Connection db = ownerConnection(); Statement st = db.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    /** send_rates is the sender's own table (no tenant rows): read it as its owner. */
    private static Connection ownerConnection() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class));
    }
}
