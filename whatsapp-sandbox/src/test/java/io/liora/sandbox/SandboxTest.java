package io.liora.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox behaves like Meta and Bitly closely enough for Liora not to tell the difference. */
@QuarkusTest
class SandboxTest {

    private static final String NUMBER = "100000000000001";
    private static final String TOKEN = "Bearer sandbox-token-123";

    @BeforeEach
    void reset() {
        FakeConversation.server.resetAll();
        FakeConversation.server.stubFor(post("/webhook/meta").willReturn(aResponse().withStatus(200)
                .withBody("EVENT_RECEIVED")));
        given().contentType(ContentType.JSON).body(Map.of()).put("/sandbox/faults").then().statusCode(200);
    }

    @Test
    void aValidTextIsAcceptedWithMetasShapeAndItsStatusesFollowSigned() throws Exception {
        String wamid = given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body(Map.of("messaging_product", "whatsapp", "to", "56912345678", "type", "text",
                        "text", Map.of("body", "¡Hola! ☕"), "biz_opaque_callback_data", "liora:tracking-1"))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(200)
                .body("messaging_product", equalTo("whatsapp")).body("contacts[0].wa_id", equalTo("56912345678"))
                .body("messages[0].id", startsWith("wamid.")).extract().path("messages[0].id");
        Thread.sleep(1800);
        List<LoggedRequest> webhooks = FakeConversation.server.findAll(postRequestedFor(urlEqualTo("/webhook/meta")));
        assertThat(webhooks).hasSize(3);
        for (LoggedRequest webhook : webhooks) {
            assertThat(webhook.getHeader("X-Hub-Signature-256"))
                    .isEqualTo(MetaWebhooks.sign("sandbox-test-secret", webhook.getBody()));
            assertThat(webhook.getBodyAsString()).contains(wamid).contains("\"phone_number_id\":\"" + NUMBER + "\"")
                    .contains("\"biz_opaque_callback_data\":\"liora:tracking-1\"");
        }
        assertThat(webhooks.stream().map(LoggedRequest::getBodyAsString).toList())
                .anyMatch(b -> b.contains("\"status\":\"read\""));
        given().get("/sandbox/conversations/" + NUMBER + "/56912345678").then().statusCode(200)
                .body("messages.wamid", hasItem(wamid));
        // a load test reads every chat of a number at once; statuses reached the answer
        given().queryParam("prefix", "569123").get("/sandbox/conversations/" + NUMBER).then().statusCode(200)
                .body("'56912345678'.find { it.wamid == '" + wamid + "' }.status", equalTo("read"));
        given().queryParam("prefix", "569999").get("/sandbox/conversations/" + NUMBER).then().statusCode(200)
                .body("size()", equalTo(0));
        given().queryParam("prefix", "56;drop").get("/sandbox/conversations/" + NUMBER).then().statusCode(400);
    }

    @Test
    void aCustomerWithAUsernameWritesWithoutAPhoneAndIsAnsweredThroughItsBsuidInOneChat() throws Exception {
        String bsuid = "CL.1502576394655843";
        given().contentType(ContentType.JSON).body(Map.of("phone_number_id", NUMBER, "user_id", bsuid,
                "username", "ana.compra", "name", "Ana", "text", "hola")).post("/sandbox/inbound").then().statusCode(200);
        String webhook = FakeConversation.server.findAll(postRequestedFor(urlEqualTo("/webhook/meta"))).get(0)
                .getBodyAsString();
        assertThat(webhook).as("Meta's shape for a username-only customer").contains("\"from_user_id\":\"" + bsuid + "\"")
                .contains("\"user_id\":\"" + bsuid + "\"").contains("\"username\":\"ana.compra\"")
                .doesNotContain("\"from\":").doesNotContain("\"wa_id\"");
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body(Map.of("messaging_product", "whatsapp", "recipient", bsuid, "type", "text",
                        "text", Map.of("body", "¡Hola, Ana!")))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(200)
                .body("contacts[0].user_id", equalTo(bsuid));
        Thread.sleep(400);
        assertThat(FakeConversation.server.findAll(postRequestedFor(urlEqualTo("/webhook/meta"))).stream()
                .map(LoggedRequest::getBodyAsString).filter(b -> b.contains("\"status\":\"sent\"")).toList())
                .allMatch(b -> b.contains("\"recipient_user_id\":\"" + bsuid + "\"")).isNotEmpty();
        // the phone shown later, and an answer to it: still the customer's one chat
        given().contentType(ContentType.JSON).body(Map.of("phone_number_id", NUMBER, "from", "56955554444",
                "user_id", bsuid, "text", "café")).post("/sandbox/inbound").then().statusCode(200);
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body(Map.of("messaging_product", "whatsapp", "to", "56955554444", "type", "text",
                        "text", Map.of("body", "Tenemos café")))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(200);
        given().get("/sandbox/conversations/" + NUMBER + "/" + bsuid).then().statusCode(200)
                .body("messages.text", org.hamcrest.Matchers.contains("hola", "¡Hola, Ana!", "café", "Tenemos café"));
    }

    @Test
    void aPictureAndALocationGoOutInMetasShape() {
        given().contentType(ContentType.JSON).body(Map.of("phone_number_id", NUMBER, "from", "56912345678",
                "image", Map.of("caption", "¿tienen esto?"))).post("/sandbox/inbound").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("phone_number_id", NUMBER, "from", "56912345678",
                "location", Map.of("latitude", -33.4378, "longitude", -70.6504))).post("/sandbox/inbound")
                .then().statusCode(200);
        List<String> bodies = FakeConversation.server.findAll(postRequestedFor(urlEqualTo("/webhook/meta"))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
        assertThat(bodies.get(0)).contains("\"type\":\"image\"").contains("\"mime_type\":\"image/jpeg\"")
                .contains("\"caption\":\"\\u00BFtienen esto?\"");
        assertThat(bodies.get(1)).contains("\"type\":\"location\"").contains("\"latitude\":-33.4378");
        given().contentType(ContentType.JSON).body(Map.of("phone_number_id", NUMBER, "text", "hola"))
                .post("/sandbox/inbound").then().statusCode(400);
    }

    @Test
    void aStatusWebhookThatIsNotAcceptedIsDeliveredAgainAsMetaDoes() throws Exception {
        FakeConversation.server.stubFor(post("/webhook/meta").inScenario("down")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        FakeConversation.server.stubFor(post("/webhook/meta").inScenario("down").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body(Map.of("messaging_product", "whatsapp", "to", "56912345678", "type", "text",
                        "text", Map.of("body", "hola")))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(200);
        Thread.sleep(2500);
        List<String> sent = FakeConversation.server.findAll(postRequestedFor(urlEqualTo("/webhook/meta"))).stream()
                .map(LoggedRequest::getBodyAsString).filter(b -> b.contains("\"status\":\"sent\"")).toList();
        assertThat(sent).as("refused once with 503, then delivered again").hasSize(2);
    }

    @Test
    void tokensNumbersAndLimitsAreCheckedAsMetaDoes() {
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON)
                .body(Map.of("messaging_product", "whatsapp", "to", "56912345678", "type", "text", "text", Map.of("body", "x")))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(401).body("error.code", equalTo(190))
                .body("error.fbtrace_id", startsWith("A"));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body(Map.of("messaging_product", "whatsapp", "to", "56912345678", "type", "text", "text", Map.of("body", "x")))
                .post("/v21.0/199999999999999/messages").then().statusCode(400).body("error.code", equalTo(100));
        Map<String, Object> fourButtons = Map.of("type", "button", "body", Map.of("text", "¿?"), "action", Map.of(
                "buttons", List.of(button("1"), button("2"), button("3"), button("4"))));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body(Map.of("messaging_product", "whatsapp", "to", "56912345678", "type", "interactive",
                        "interactive", fourButtons))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(400).body("error.code", equalTo(100));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body(Map.of("messaging_product", "whatsapp", "status", "read", "message_id", "wamid.x",
                        "typing_indicator", Map.of("type", "text")))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(200).body("success", equalTo(true));
    }

    @Test
    void theContactsMessageBecomesASignedMetaWebhookWithNonAsciiEscaped() {
        given().contentType(ContentType.JSON).body(Map.of("phone_number_id", NUMBER, "from", "56912345678",
                "name", "José", "text", "¿Tienen café?")).post("/sandbox/inbound").then().statusCode(200)
                .body("webhook_status", equalTo(200)).body("wamid", startsWith("wamid."));
        LoggedRequest webhook = FakeConversation.server.findAll(postRequestedFor(urlEqualTo("/webhook/meta"))).get(0);
        String body = new String(webhook.getBody(), StandardCharsets.UTF_8);
        assertThat(body).contains("\\u00BFTienen caf\\u00E9?").contains("Jos\\u00E9")
                .contains("\"object\":\"whatsapp_business_account\"").contains("\"type\":\"text\"");
        assertThat(webhook.getHeader("X-Hub-Signature-256")).isEqualTo(MetaWebhooks.sign("sandbox-test-secret",
                webhook.getBody()));
    }

    @Test
    void tappedOptionsAreInteractiveReplies() {
        given().contentType(ContentType.JSON).body(Map.of("phone_number_id", NUMBER, "from", "56912345678",
                "list_reply", Map.of("id", "catalogo.categoria:Despensa", "title", "Despensa")))
                .post("/sandbox/inbound").then().statusCode(200);
        String body = FakeConversation.server.findAll(postRequestedFor(urlEqualTo("/webhook/meta"))).get(0)
                .getBodyAsString();
        assertThat(body).contains("\"type\":\"interactive\"").contains("\"list_reply\":{\"id\":\"catalogo.categoria:Despensa\"");
    }

    @Test
    void shortLinksRedirectToTheLongUrl() {
        String link = given().contentType(ContentType.JSON)
                .body(Map.of("long_url", "https://tienda.example.com/p/1?utm_source=whatsapp", "domain", "bit.ly"))
                .post("/v4/bitlinks").then().statusCode(200).body("long_url", startsWith("https://tienda"))
                .extract().path("link");
        String code = link.substring(link.lastIndexOf('/') + 1);
        given().redirects().follow(false).get("/s/" + code).then().statusCode(301)
                .header("Location", equalTo("https://tienda.example.com/p/1?utm_source=whatsapp"));
    }

    @Test
    void faultsCanBeInjected() {
        given().contentType(ContentType.JSON).body(Map.of("throttle_share", 1.0)).put("/sandbox/faults").then()
                .statusCode(200);
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body(Map.of("messaging_product", "whatsapp", "to", "56912345678", "type", "text", "text", Map.of("body", "x")))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(429).body("error.code", equalTo(130429));
    }

    private static Map<String, Object> button(String id) {
        return Map.of("type", "reply", "reply", Map.of("id", id, "title", "Opción " + id));
    }

    @Test
    void templatesAreReviewedByTheDocumentedRuleAndOnlyApprovedOnesReachAClosedWindow() throws Exception {
        String templates = "/v21.0/" + MetaWebhooks.WABA_ID + "/message_templates";
        Map<String, Object> body = Map.of("type", "BODY", "text", "Hola {{1}}, tu pedido está listo",
                "example", Map.of("body_text", List.of(List.of("Ana"))));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(Map.of("name", "pedido_sandbox",
                "language", "es", "category", "UTILITY", "components", List.of(body))).post(templates)
                .then().statusCode(200).body("status", equalTo("PENDING")).body("category", equalTo("UTILITY"));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(Map.of("name", "oferta_rechazada",
                "language", "es", "category", "MARKETING", "components", List.of(body))).post(templates)
                .then().statusCode(200);
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(Map.of()).post(templates)
                .then().statusCode(401);
        Thread.sleep(1500);
        List<String> events = FakeConversation.server.findAll(postRequestedFor(urlEqualTo("/webhook/meta"))).stream()
                .map(LoggedRequest::getBodyAsString).filter(b -> b.contains("message_template_status_update")).toList();
        assertThat(events).hasSize(2)
                .anyMatch(b -> b.contains("\"event\":\"APPROVED\"") && b.contains("\"message_template_name\":\"pedido_sandbox\""))
                .anyMatch(b -> b.contains("\"event\":\"REJECTED\"") && b.contains("\"reason\":\"INVALID_FORMAT\""))
                .allMatch(b -> b.contains("\"id\":\"" + MetaWebhooks.WABA_ID + "\""));
        given().header("Authorization", TOKEN).get(templates).then().statusCode(200)
                .body("data.find { it.name == 'pedido_sandbox' }.status", equalTo("APPROVED"));

        // a day has passed: free-form is refused, an approved template goes and is billed by its category
        given().post("/sandbox/windows/" + NUMBER + "/56977776666/close").then().statusCode(200);
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(Map.of("messaging_product", "whatsapp",
                "to", "56977776666", "type", "text", "text", Map.of("body", "hola"))).post("/v21.0/" + NUMBER + "/messages")
                .then().statusCode(400).body("error.code", equalTo(131047));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(template("oferta_rechazada"))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(404).body("error.code", equalTo(132001));
        FakeConversation.server.resetRequests();
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(template("pedido_sandbox"))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(200);
        given().get("/sandbox/conversations/" + NUMBER + "/56977776666").then().statusCode(200)
                .body("messages.text", hasItem("Hola Ana, tu pedido está listo"));
        Thread.sleep(600);
        assertThat(FakeConversation.server.findAll(postRequestedFor(urlEqualTo("/webhook/meta"))).get(0).getBodyAsString())
                .contains("\"category\":\"utility\"").contains("\"type\":\"regular\"").contains("\"billable\":true");
    }

    @Test
    void aTemplateWithAnImageHeaderNeedsItsImageAndShowsIt() throws Exception {
        String templates = "/v21.0/" + MetaWebhooks.WABA_ID + "/message_templates";
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(Map.of("name", "oferta_foto_sandbox",
                "language", "es", "category", "MARKETING", "components", List.of(
                        Map.of("type", "HEADER", "format", "IMAGE", "example", Map.of("header_handle", List.of("4::x"))),
                        Map.of("type", "BODY", "text", "Hola {{1}}, mira la oferta",
                                "example", Map.of("body_text", List.of(List.of("Ana")))))))
                .post(templates).then().statusCode(200);
        Thread.sleep(1200);
        Map<String, Object> body = Map.of("type", "body", "parameters", List.of(Map.of("type", "text", "text", "Ana")));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(Map.of("messaging_product", "whatsapp",
                "to", "56977775555", "type", "template", "template", Map.of("name", "oferta_foto_sandbox",
                        "language", Map.of("code", "es"), "components", List.of(body))))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(400).body("error.code", equalTo(132012));
        Map<String, Object> header = Map.of("type", "header", "parameters", List.of(Map.of("type", "image",
                "image", Map.of("link", "https://tienda.example.com/oferta.jpg"))));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(Map.of("messaging_product", "whatsapp",
                "to", "56977775555", "type", "template", "template", Map.of("name", "oferta_foto_sandbox",
                        "language", Map.of("code", "es"), "components", List.of(header, body))))
                .post("/v21.0/" + NUMBER + "/messages").then().statusCode(200);
        given().get("/sandbox/conversations/" + NUMBER + "/56977775555").then().statusCode(200)
                .body("messages.text", hasItem("📷 https://tienda.example.com/oferta.jpg\nHola Ana, mira la oferta"));
        // its statuses come for another 1.2 s: none may land in the next test's requests
        for (int i = 0; i < 100 && FakeConversation.server.findAll(postRequestedFor(urlEqualTo("/webhook/meta"))).stream()
                .noneMatch(r -> r.getBodyAsString().contains("56977775555") && r.getBodyAsString().contains("\"read\"")); i++) {
            Thread.sleep(50);
        }
    }

    private static Map<String, Object> template(String name) {
        return Map.of("messaging_product", "whatsapp", "to", "56977776666", "type", "template", "template", Map.of(
                "name", name, "language", Map.of("code", "es"), "components", List.of(Map.of("type", "body",
                        "parameters", List.of(Map.of("type", "text", "text", "Ana"))))));
    }
}
