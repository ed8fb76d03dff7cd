package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With the sender on, as in production: a queued message reaches Meta by the background rounds alone. */
@QuarkusTest
@TestProfile(BackgroundSenderTest.SenderOn.class)
class BackgroundSenderTest {

    public static class SenderOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liora.whatsapp.sender-enabled", "true",
                    // a number that may send two messages a second (ImmediateSendsTest)
                    "liora.whatsapp.ceilings.\"" + ImmediateSendsTest.SLOW_NUMBER + "\"", "2");
        }
    }

    @InjectWireMock
    WireMockServer wiremock;

    @Test
    void aQueuedMessageIsSentWithoutAnyoneDrivingTheSender() throws InterruptedException {
        wiremock.resetAll();
        wiremock.stubFor(post("/tenant/oauth/token").willReturn(okJson("{\"access_token\":\""
                + TestTokens.service("integrations-service") + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        wiremock.stubFor(get(urlPathMatching("/tenant/internal/clientes/.*/credentials")).willReturn(okJson(
                "{\"access_token\":\"EAAG-tenant-token\",\"estado\":\"activo\"}")));
        wiremock.stubFor(post(urlPathMatching("/graph/.*")).willReturn(okJson(
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.background\"}]}")));
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", UUID.randomUUID().toString())
                .contentType("application/json").body(Map.of("to", "56912345678", "phone_number_id", "100000000000099",
                        "type", "text", "text", Map.of("body", "hola"), "idempotency_key", "bg-1"))
                .post("/messages").then().statusCode(202);
        for (int i = 0; i < 50 && wiremock.findAll(postRequestedFor(urlPathMatching("/graph/.*"))).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(wiremock.findAll(postRequestedFor(urlPathMatching("/graph/.*")))).hasSize(1);
    }
}
