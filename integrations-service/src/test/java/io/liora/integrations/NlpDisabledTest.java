package io.liora.integrations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Without an API key the fallback is off, and says so. */
@QuarkusTest
@TestProfile(NlpDisabledTest.NoKey.class)
class NlpDisabledTest {

    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liora.nlp.api-key", "");
        }
    }

    @Test
    void answersNoneWithTheReason() {
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", UUID.randomUUID().toString())
                .contentType("application/json")
                .body(Map.of("text", "hola", "intents", List.of(Map.of("name", "saludo"))))
                .post("/nlp/classify").then().statusCode(200)
                .body("intent", is("none")).body("confidence", is(0.0f)).body("source", is("disabled"));
    }
}
