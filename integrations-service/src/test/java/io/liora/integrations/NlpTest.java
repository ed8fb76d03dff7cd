package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI intent fallback against a WireMock that answers like chat completions. */
@QuarkusTest
class NlpTest {

    private static final String COMPLETIONS = "/openai/v1/chat/completions";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    private UUID tenant;

    @BeforeEach
    void reset() {
        wiremock.resetAll();
        circuitBreakers.resetAll();
        tenant = UUID.randomUUID();
    }

    @Test
    void anIntentIsPickedUnderAStrictSchemaFromTheTextAlone() {
        openAiAnswers("{\\\"intent\\\":\\\"catalogo.buscar\\\",\\\"confidence\\\":0.92}");
        classify("busco unas zapatillas para correr").then().statusCode(200)
                .body("intent", is("catalogo.buscar")).body("confidence", is(0.92f)).body("source", is("openai"));
        wiremock.verify(postRequestedFor(urlEqualTo(COMPLETIONS))
                .withHeader("Authorization", equalTo("Bearer test-openai-key"))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.strict", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.schema.properties.intent.enum[2]",
                        equalTo("none")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("busco unas zapatillas para correr")))
                .withRequestBody(notContaining(tenant.toString())));
    }

    @Test
    void anIntentOutsideTheListIsNone() {
        openAiAnswers("{\\\"intent\\\":\\\"borrar.cuenta\\\",\\\"confidence\\\":0.99}");
        classify("borra todo").then().statusCode(200).body("intent", is("none")).body("source", is("error"));
    }

    @Test
    void aSlowAnswerIsATimeout() {
        wiremock.stubFor(post(COMPLETIONS).willReturn(completion("{\\\"intent\\\":\\\"none\\\",\\\"confidence\\\":0.1}")
                .withFixedDelay(3000)));
        classify("hola").then().statusCode(200).body("intent", is("none")).body("source", is("timeout"));
    }

    @Test
    void rateLimitsAreHonouredWithoutCallingAgain() throws InterruptedException {
        wiremock.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")));
        classify("hola").then().body("source", is("rate_limited"));
        classify("hola").then().body("source", is("rate_limited"));
        wiremock.verify(1, postRequestedFor(urlEqualTo(COMPLETIONS)));
        Thread.sleep(1100);
    }

    @Test
    void eachTenantHasADailyCap() {
        openAiAnswers("{\\\"intent\\\":\\\"vida_sana.menu\\\",\\\"confidence\\\":0.8}");
        for (int i = 0; i < 3; i++) {
            classify("quiero comer sano").then().body("source", is("openai"));
        }
        classify("quiero comer sano").then().body("intent", is("none")).body("source", is("capped"));
        wiremock.verify(3, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void aFailingApiOpensTheCircuit() {
        wiremock.stubFor(post(COMPLETIONS).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}")));
        for (int i = 0; i < 3; i++) {
            classify("hola").then().body("source", is("error"));
            tenant = UUID.randomUUID();
        }
        for (int i = 0; i < 3; i++) {
            classify("hola");
            tenant = UUID.randomUUID();
        }
        classify("hola").then().body("source", is("circuit_open"));
    }

    @Test
    void requestsAreValidated() {
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString())
                .contentType("application/json").body(Map.of("text", "hola", "intents", List.of()))
                .post("/nlp/classify").then().statusCode(400).body("errors.field", hasItem("intents"));
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString())
                .contentType("application/json")
                .body(Map.of("text", "hola", "intents", List.of(Map.of("name", "Mayúsculas No"))))
                .post("/nlp/classify").then().statusCode(400).body("errors.field", hasItem("intents[0].name"));
    }

    private void openAiAnswers(String escapedContent) {
        wiremock.stubFor(post(COMPLETIONS).willReturn(completion(escapedContent)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder completion(String escapedContent) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1764400000,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + escapedContent
                        + "\",\"refusal\":null},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":12,\"total_tokens\":92}}");
    }

    private Response classify(String text) {
        return given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString())
                .contentType("application/json")
                .body(Map.of("text", text, "intents", List.of(
                        Map.of("name", "catalogo.buscar", "description", "buscar productos en el catálogo"),
                        Map.of("name", "vida_sana.menu", "description", "consejos de vida sana"))))
                .post("/nlp/classify");
    }
}
