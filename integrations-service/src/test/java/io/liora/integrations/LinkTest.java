package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Product links against a WireMock Bitly that answers like Bitly v4. */
@QuarkusTest
class LinkTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    private final UUID tenant = UUID.randomUUID();

    @BeforeEach
    void reset() {
        wiremock.resetAll();
        circuitBreakers.resetAll();
    }

    @Test
    void aLinkIsShortenedOnceWithUtmTagsAndTitle() {
        bitlyAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                "{\"created_at\":\"2026-11-29T12:00:00+0000\",\"id\":\"bit.ly/3xYz\",\"link\":\"https://bit.ly/3xYz\","
                        + "\"custom_bitlinks\":[],\"long_url\":\"x\",\"archived\":false,\"tags\":[],\"deeplinks\":[],"
                        + "\"references\":{}}"));
        Map<String, Object> request = request("https://tienda.example.com/p/CAF-001?color=rojo");
        String expectedLong = "https://tienda.example.com/p/CAF-001?color=rojo&utm_source=whatsapp&utm_medium=chatbot"
                + "&utm_campaign=demo&utm_content=CAF-001";
        shorten(request).then().statusCode(200).body("link", org.hamcrest.Matchers.equalTo("https://bit.ly/3xYz"))
                .body("shortened", org.hamcrest.Matchers.equalTo(true))
                .body("reason", org.hamcrest.Matchers.equalTo("created"))
                .body("long_url", org.hamcrest.Matchers.equalTo(expectedLong));
        shorten(request).then().statusCode(200).body("reason", org.hamcrest.Matchers.equalTo("cached"))
                .body("link", org.hamcrest.Matchers.equalTo("https://bit.ly/3xYz"));
        wiremock.verify(1, postRequestedFor(urlEqualTo("/bitly/v4/bitlinks"))
                .withHeader("Authorization", equalTo("Bearer test-bitly-token"))
                .withRequestBody(equalToJson("{\"long_url\":\"" + expectedLong + "\",\"domain\":\"bit.ly\","
                        + "\"title\":\"Café de grano\",\"tags\":[\"cliente:demo\",\"intent:catalogo.producto\"]}")));
    }

    @Test
    void anotherTenantsCachedLinkIsNotReused() {
        bitlyAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"link\":\"https://bit.ly/tenantA\",\"id\":\"bit.ly/tenantA\"}"));
        Map<String, Object> request = request("https://tienda.example.com/p/shared");
        shorten(request).then().body("reason", org.hamcrest.Matchers.equalTo("created"));
        given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", UUID.randomUUID().toString())
                .contentType("application/json").body(request).post("/links/shorten").then().statusCode(200)
                .body("reason", org.hamcrest.Matchers.equalTo("created"));
        wiremock.verify(2, postRequestedFor(urlEqualTo("/bitly/v4/bitlinks")));
    }

    @Test
    void whenBitlyCannotHelpTheLongUrlComesBackWithTheReason() {
        bitlyAnswers(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"RATE_LIMIT_EXCEEDED\",\"description\":\"You have exceeded your rate limit\","
                        + "\"resource\":\"bitlinks\"}"));
        shorten(request("https://tienda.example.com/p/1")).then().statusCode(200)
                .body("shortened", org.hamcrest.Matchers.equalTo(false))
                .body("reason", org.hamcrest.Matchers.equalTo("rate_limited"))
                .body("link", org.hamcrest.Matchers.startsWith("https://tienda.example.com/p/1?utm_source=whatsapp"));
        bitlyAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        shorten(request("https://tienda.example.com/p/2")).then().statusCode(200)
                .body("shortened", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void aFailingBitlyOpensTheCircuitAndIsNotCalledMeanwhile() {
        bitlyAnswers(aResponse().withStatus(503).withBody("{\"message\":\"TEMPORARILY_UNAVAILABLE\"}"));
        for (int i = 0; i < 6; i++) {
            shorten(request("https://tienda.example.com/p/cb-" + i)).then().statusCode(200)
                    .body("shortened", org.hamcrest.Matchers.equalTo(false));
        }
        int calls = wiremock.findAll(postRequestedFor(urlEqualTo("/bitly/v4/bitlinks"))).size();
        shorten(request("https://tienda.example.com/p/cb-open")).then().statusCode(200)
                .body("reason", org.hamcrest.Matchers.equalTo("circuit_open"));
        wiremock.verify(calls, postRequestedFor(urlEqualTo("/bitly/v4/bitlinks")));
    }

    @Test
    void neverMoreThanFiveCallsToBitlyAtOnce() throws Exception {
        bitlyAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"link\":\"https://bit.ly/{{randomValue length=6 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template").withFixedDelay(400));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Boolean>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            answers.add(pool.submit(() -> shorten(request("https://tienda.example.com/p/par-" + n))
                    .then().statusCode(200).extract().<Boolean>path("shortened")));
        }
        for (var answer : answers) {
            org.assertj.core.api.Assertions.assertThat(answer.get()).isTrue();
        }
        pool.shutdown();
        List<Long> starts = wiremock.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals("/bitly/v4/bitlinks"))
                .map(event -> event.getRequest().getLoggedDate().getTime()).sorted().toList();
        org.assertj.core.api.Assertions.assertThat(starts).hasSize(8);
        for (long start : starts) {
            long inFlight = starts.stream().filter(other -> other >= start && other < start + 390).count();
            org.assertj.core.api.Assertions.assertThat(inFlight).as("calls started within one call's time")
                    .isLessThanOrEqualTo(5);
        }
    }

    @Test
    void onlyPublicHttpLinksAreAccepted() {
        for (String url : new String[] {"http://localhost:8080/p", "https://10.1.2.3/p", "ftp://tienda.example.com/p",
                "javascript:alert(1)", "https://192.168.0.10/admin"}) {
            shorten(request(url)).then().statusCode(400).body("errors.field", hasItem("url"));
        }
    }

    @Test
    void aBatchIsAnsweredInOrderAndLimitedToTen() {
        bitlyAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"link\":\"https://bit.ly/{{randomValue length=6 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template"));
        Response answer = batch(List.of(request("https://tienda.example.com/p/a"), request("https://tienda.example.com/p/b")));
        answer.then().statusCode(200).body("links.long_url", contains(
                org.hamcrest.Matchers.startsWith("https://tienda.example.com/p/a"),
                org.hamcrest.Matchers.startsWith("https://tienda.example.com/p/b")));
        List<Map<String, Object>> eleven = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(request("https://tienda.example.com/p/" + i));
        }
        batch(eleven).then().statusCode(400).body("errors.field", hasItem("links"));
    }

    private void bitlyAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        wiremock.stubFor(post("/bitly/v4/bitlinks").willReturn(answer));
    }

    private static Map<String, Object> request(String url) {
        return Map.of("url", url, "title", "Café de grano",
                "utm", Map.of("source", "whatsapp", "medium", "chatbot", "campaign", "demo", "content", "CAF-001"),
                "tags", List.of("cliente:demo", "intent:catalogo.producto"));
    }

    private Response shorten(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString())
                .contentType("application/json").body(body).post("/links/shorten");
    }

    private Response batch(List<Map<String, Object>> links) {
        return given().auth().oauth2(TestTokens.service("conversation-service")).header("X-Client-ID", tenant.toString())
                .contentType("application/json").body(Map.of("links", links)).post("/links/shorten/batch");
    }
}
