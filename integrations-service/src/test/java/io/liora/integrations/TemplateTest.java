package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Message templates against a WireMock Meta: submitted to the number's account, kept current from
 * Meta's webhooks (also when one overtakes Meta's answer), sent only when approved and with the
 * parameters they take.
 */
@QuarkusTest
class TemplateTest extends OutboxTestSupport {

    private static final String BODY = "Hola {{1}}, tu pedido {{2}} está listo para retiro";
    private String waba;

    @jakarta.inject.Inject
    io.liora.integrations.templates.TemplateSync sync;

    @BeforeEach
    void account() {
        waba = String.valueOf(300_000_000_000_000L + (long) (Math.random() * 1e14));
        wiremock.stubFor(get(urlPathMatching("/tenant/internal/clientes/.*/credentials")).willReturn(okJson(
                "{\"cliente_id\":\"" + tenant + "\",\"phone_number_id\":\"" + number
                        + "\",\"access_token\":\"EAAG-tenant-token\",\"estado\":\"activo\",\"waba_id\":\"" + waba + "\"}")));
    }

    @Test
    void aStatusWebhookThatOvertakesMetasAnswerIsKept() throws Exception {
        metaTakes("pedido_listo", "910000000000001", 1500);
        CompletableFuture<Response> created = CompletableFuture.supplyAsync(() -> create(template("pedido_listo")));
        // while Meta is still answering, its webhook says the template was approved
        for (int i = 0; i < 50 && TestDb.query(tenant, "select 1 from message_templates").isEmpty(); i++) {
            Thread.sleep(50);
        }
        events(statusEvent("910000000000001", "pedido_listo", "APPROVED", "NONE")).then().statusCode(200)
                .body("applied", org.hamcrest.Matchers.equalTo(1));
        created.get().then().statusCode(201).body("status", org.hamcrest.Matchers.equalTo("APPROVED"))
                .body("meta_template_id", org.hamcrest.Matchers.equalTo("910000000000001"))
                .body("body_variables", org.hamcrest.Matchers.equalTo(2));
        wiremock.verify(postRequestedFor(urlPathEqualTo("/graph/v21.0/" + waba + "/message_templates"))
                .withHeader("Authorization", equalTo("Bearer EAAG-tenant-token"))
                .withRequestBody(matchingJsonPath("$.name", equalTo("pedido_listo")))
                .withRequestBody(matchingJsonPath("$.category", equalTo("UTILITY")))
                .withRequestBody(matchingJsonPath("$.components[0].example.body_text[0][1]", equalTo("#1234"))));
        assertThat(TestDb.query(tenant, "select status, meta_template_id from message_templates").get(0))
                .containsEntry("status", "APPROVED").containsEntry("meta_template_id", "910000000000001");
    }

    @Test
    void aRejectedTemplateIsShownWithMetasReasonAndCannotBeSent() throws Throwable {
        metaTakes("oferta_rechazada", "910000000000002", 0);
        String id = create(template("oferta_rechazada")).then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("PENDING")).extract().path("id");
        events(statusEvent("910000000000002", "oferta_rechazada", "REJECTED", "INVALID_FORMAT")).then().statusCode(200);
        staff("agent").get("/clientes/" + tenant + "/templates/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("REJECTED"))
                .body("reason", org.hamcrest.Matchers.equalTo("INVALID_FORMAT"));
        send(templateMessage("t-rejected", "oferta_rechazada", "Ana", "#1")).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.equalTo("urn:liora:problem:template-not-approved"))
                .body("detail", containsString("REJECTED (INVALID_FORMAT)"));
    }

    @Test
    void anApprovedTemplateIsSentWithItsParametersAndBadOnesAreRefused() throws Throwable {
        metaTakes("pedido_listo", "910000000000003", 0);
        create(template("pedido_listo")).then().statusCode(201);
        events(statusEvent("910000000000003", "pedido_listo", "APPROVED", "NONE")).then().statusCode(200);

        send(templateMessage("t-one", "pedido_listo", "Ana")).then().statusCode(400)
                .body("errors.message", hasItem(containsString("body takes 2 parameters; 1 given")));
        send(templateMessage("t-blank", "pedido_listo", "Ana", " ")).then().statusCode(400)
                .body("errors.field", hasItem("template.components[0].parameters[1].text"));
        send(templateMessage("t-unknown", "no_existe", "Ana", "#1")).then().statusCode(400)
                .body("errors.field", hasItem("template.name"))
                .body("errors.message", hasItem(containsString("POST /clientes/{id}/templates")));

        graphAnswers(okJson(sent("wamid.template-1")));
        String id = send(templateMessage("t-good", "pedido_listo", "Ana", "#1234")).then().statusCode(202)
                .extract().path("id");
        awaitStatus(id, "sent");
        wiremock.verify(postRequestedFor(urlPathEqualTo("/graph/v21.0/" + number + "/messages"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("template")))
                .withRequestBody(matchingJsonPath("$.template.name", equalTo("pedido_listo")))
                .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("es")))
                .withRequestBody(matchingJsonPath("$.template.components[0].parameters[1].text", equalTo("#1234"))));
    }

    @Test
    void aTemplateWithAnImageHeaderIsSubmittedWithItsSampleAndEachMessageGivesItsImage() throws Throwable {
        Map<String, Object> noSample = imageTemplate("oferta_foto", Map.of());
        create(noSample).then().statusCode(400).body("errors.field", hasItem("components[0].example.header_handle"));
        Map<String, Object> withText = new java.util.HashMap<>(imageTemplate("oferta_foto",
                Map.of("header_handle", List.of("4::aW1hZ2UvanBlZw==:ARb"))));
        withText.put("components", List.of(Map.of("type", "HEADER", "format", "IMAGE", "text", "Oferta",
                "example", Map.of("header_handle", List.of("4::aW1hZ2UvanBlZw==:ARb"))), bodyComponent()));
        create(withText).then().statusCode(400).body("errors.field", hasItem("components[0].text"));
        wiremock.verify(0, postRequestedFor(urlPathMatching("/graph/.*/message_templates")));

        metaTakes("oferta_foto", "910000000000009", 0);
        create(imageTemplate("oferta_foto", Map.of("header_handle", List.of("4::aW1hZ2UvanBlZw==:ARb"))))
                .then().statusCode(201).body("header_media", org.hamcrest.Matchers.equalTo("IMAGE"));
        wiremock.verify(postRequestedFor(urlPathEqualTo("/graph/v21.0/" + waba + "/message_templates"))
                .withRequestBody(matchingJsonPath("$.components[0].format", equalTo("IMAGE")))
                .withRequestBody(matchingJsonPath("$.components[0].example.header_handle[0]",
                        equalTo("4::aW1hZ2UvanBlZw==:ARb"))));
        events(statusEvent("910000000000009", "oferta_foto", "APPROVED", "NONE")).then().statusCode(200);

        // without its image, with another media, with an address Meta cannot fetch: refused before queueing
        send(templateMessage("t-no-image", "oferta_foto", "Ana", "#1")).then().statusCode(400)
                .body("errors.message", hasItem(containsString("header takes one image")));
        send(imageMessage("t-video", "video", "https://tienda.example.com/v.mp4")).then().statusCode(400)
                .body("errors.message", hasItem(containsString("header takes image")));
        send(imageMessage("t-private", "image", "https://10.0.0.7/oferta.jpg")).then().statusCode(400)
                .body("errors.field", hasItem("template.components[0].parameters[0].image.link"));
        send(imageMessage("t-http", "image", "http://tienda.example.com/oferta.jpg")).then().statusCode(400)
                .body("errors.field", hasItem("template.components[0].parameters[0].image.link"));

        graphAnswers(okJson(sent("wamid.template-image")));
        String id = send(imageMessage("t-image", "image", "https://tienda.example.com/oferta.jpg")).then()
                .statusCode(202).extract().path("id");
        awaitStatus(id, "sent");
        wiremock.verify(postRequestedFor(urlPathEqualTo("/graph/v21.0/" + number + "/messages"))
                .withRequestBody(matchingJsonPath("$.template.name", equalTo("oferta_foto")))
                .withRequestBody(matchingJsonPath("$.template.components[0].type", equalTo("header")))
                .withRequestBody(matchingJsonPath("$.template.components[0].parameters[0].type", equalTo("image")))
                .withRequestBody(matchingJsonPath("$.template.components[0].parameters[0].image.link",
                        equalTo("https://tienda.example.com/oferta.jpg")))
                .withRequestBody(matchingJsonPath("$.template.components[1].parameters[1].text", equalTo("#1"))));
    }

    private Map<String, Object> imageTemplate(String name, Map<String, Object> example) {
        Map<String, Object> header = new java.util.HashMap<>(Map.of("type", "HEADER", "format", "IMAGE"));
        if (!example.isEmpty()) {
            header.put("example", example);
        }
        return Map.of("phone_number_id", number, "name", name, "language", "es", "category", "MARKETING",
                "components", List.of(header, bodyComponent()));
    }

    private static Map<String, Object> bodyComponent() {
        return Map.of("type", "BODY", "text", BODY, "example", Map.of("body_text", List.of(List.of("Ana", "#1234"))));
    }

    private Map<String, Object> imageMessage(String key, String mediaType, String link) {
        return Map.of("to", "56912345678", "phone_number_id", number, "type", "template", "idempotency_key", key,
                "template", Map.of("name", "oferta_foto", "language", Map.of("code", "es"), "components", List.of(
                        Map.of("type", "header", "parameters", List.of(Map.of("type", mediaType, mediaType,
                                Map.of("link", link)))),
                        Map.of("type", "body", "parameters", List.of(Map.of("type", "text", "text", "Ana"),
                                Map.of("type", "text", "text", "#1"))))));
    }

    @Test
    void qualityAndCategoryFollowMetasWebhooks() {
        metaTakes("pedido_listo", "910000000000004", 0);
        String id = create(template("pedido_listo")).then().statusCode(201).extract().path("id");
        events(Map.of("waba_id", waba, "field", "message_template_quality_update", "value", Map.of(
                        "previous_quality_score", "GREEN", "new_quality_score", "YELLOW",
                        "message_template_id", 910000000000004L, "message_template_name", "pedido_listo",
                        "message_template_language", "es")),
                Map.of("waba_id", waba, "field", "template_category_update", "value", Map.of(
                        "message_template_id", 910000000000004L, "message_template_name", "pedido_listo",
                        "message_template_language", "es", "previous_category", "UTILITY", "new_category", "MARKETING")),
                // another account's template of the same name is not touched
                Map.of("waba_id", "399999999999999", "field", "message_template_status_update", "value", Map.of(
                        "event", "DISABLED", "message_template_id", 910000000000004L,
                        "message_template_name", "pedido_listo", "message_template_language", "es")))
                .then().statusCode(200).body("applied", org.hamcrest.Matchers.equalTo(2))
                .body("ignored", org.hamcrest.Matchers.equalTo(1));
        staff("owner").get("/clientes/" + tenant + "/templates/" + id).then().statusCode(200)
                .body("quality", org.hamcrest.Matchers.equalTo("YELLOW"))
                .body("category", org.hamcrest.Matchers.equalTo("MARKETING"))
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"));
    }

    @Test
    void whatMetaWouldRefuseIsRefusedFirstAndMetasRefusalIsExplained() {
        Map<String, Object> gap = Map.of("phone_number_id", number, "name", "con_hueco", "language", "es",
                "category", "UTILITY", "components", List.of(Map.of("type", "BODY", "text", "Hola {{1}} y {{3}}",
                        "example", Map.of("body_text", List.of(List.of("a", "b"))))));
        create(gap).then().statusCode(400).body("errors.field", hasItem("components[0].text"));
        Map<String, Object> noExample = Map.of("phone_number_id", number, "name", "sin_ejemplo", "language", "es",
                "category", "UTILITY", "components", List.of(Map.of("type", "BODY", "text", "Hola {{1}}")));
        create(noExample).then().statusCode(400).body("errors.field", hasItem("components[0].example.body_text"));
        Map<String, Object> badName = new java.util.HashMap<>(template("x"));
        badName.put("name", "Pedido Listo");
        create(badName).then().statusCode(400).body("errors.field", hasItem("name"));
        Map<String, Object> noBody = Map.of("phone_number_id", number, "name", "sin_cuerpo", "language", "es",
                "category", "MARKETING", "components", List.of(Map.of("type", "FOOTER", "text", "Tienda")));
        create(noBody).then().statusCode(400).body("errors.field", hasItem("components"));
        wiremock.verify(0, postRequestedFor(urlPathMatching("/graph/.*/message_templates")));

        wiremock.stubFor(post(urlPathEqualTo("/graph/v21.0/" + waba + "/message_templates")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":"
                        + "\"Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,\"error_subcode\":2388023,"
                        + "\"error_user_msg\":\"Ya existe contenido en español para esta plantilla\"}}")));
        create(template("pedido_listo")).then().statusCode(422)
                .body("type", org.hamcrest.Matchers.equalTo("urn:liora:problem:template-refused"))
                .body("detail", org.hamcrest.Matchers.equalTo("Ya existe contenido en español para esta plantilla"));
        assertThat(TestDb.query(tenant, "select 1 from message_templates")).isEmpty();
    }

    @Test
    void templatesAreTheTenantsOwnAndOnlyOwnersAndAdminsChangeThem() {
        metaTakes("pedido_listo", "910000000000005", 0);
        create(template("pedido_listo")).then().statusCode(201);
        create(template("pedido_listo")).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.equalTo("urn:liora:problem:template-exists"));
        String id = staff("owner").get("/clientes/" + tenant + "/templates").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1)).extract().path("items[0].id");
        staff("agent").contentType("application/json").body(template("otra")).post("/clientes/" + tenant + "/templates")
                .then().statusCode(403);
        staff("agent").delete("/clientes/" + tenant + "/templates/" + id).then().statusCode(403);
        UUID other = UUID.randomUUID();
        given().auth().oauth2(TestTokens.staff("owner", other)).get("/clientes/" + tenant + "/templates/" + id)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.staff("owner", other)).get("/clientes/" + other + "/templates/" + id)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.staff("owner", other)).delete("/clientes/" + other + "/templates/" + id)
                .then().statusCode(404);

        wiremock.stubFor(delete(urlPathEqualTo("/graph/v21.0/" + waba + "/message_templates"))
                .willReturn(okJson("{\"success\":true}")));
        staff("admin").delete("/clientes/" + tenant + "/templates/" + id).then().statusCode(204);
        wiremock.verify(deleteRequestedFor(urlPathEqualTo("/graph/v21.0/" + waba + "/message_templates"))
                .withQueryParam("name", equalTo("pedido_listo")).withQueryParam("hsm_id", equalTo("910000000000005")));
        staff("owner").get("/clientes/" + tenant + "/templates/" + id).then().statusCode(404);
    }

    @Test
    void theMonthlyCapStopsBillableSendsAtExactlyTheCapAndAnOwnerRaisesIt() throws Exception {
        metaTakes("pedido_listo", "910000000000006", 0);
        create(template("pedido_listo")).then().statusCode(201);
        events(statusEvent("910000000000006", "pedido_listo", "APPROVED", "NONE")).then().statusCode(200);
        staff("admin").contentType("application/json").body(Map.of("monthly_billable", 3))
                .put("/clientes/" + tenant + "/usage/cap").then().statusCode(403);
        staff("owner").contentType("application/json").body(Map.of("monthly_billable", -1))
                .put("/clientes/" + tenant + "/usage/cap").then().statusCode(400);
        staff("owner").contentType("application/json").body(Map.of("monthly_billable", 3))
                .put("/clientes/" + tenant + "/usage/cap").then().statusCode(200)
                .body("monthly_billable", org.hamcrest.Matchers.equalTo(3))
                .body("reached", org.hamcrest.Matchers.equalTo(false));

        // ten at once, as from several replicas: exactly three are queued
        List<CompletableFuture<Integer>> sends = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String key = "cap-" + i;
            sends.add(CompletableFuture.supplyAsync(() -> send(templateMessage(key, "pedido_listo", "Ana", "#" + key))
                    .statusCode()));
        }
        List<Integer> codes = sends.stream().map(CompletableFuture::join).toList();
        assertThat(codes).containsOnly(202, 409);
        assertThat(codes.stream().filter(code -> code == 202)).hasSize(3);
        send(templateMessage("cap-11", "pedido_listo", "Ana", "#11")).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.equalTo("urn:liora:problem:usage-cap-reached"))
                .body("detail", containsString("cap of 3 billable messages"));
        // the owners see why; a free answer in the window still goes
        staff("admin").get("/clientes/" + tenant + "/usage/cap").then().statusCode(200)
                .body("used_this_month", org.hamcrest.Matchers.equalTo(3))
                .body("reached", org.hamcrest.Matchers.equalTo(true));
        send(text("cap-free", "hola")).then().statusCode(202);
        assertThat(TestDb.query(tenant, "select count(*) as queued from outbound_messages where message_type = 'template'")
                .get(0)).containsEntry("queued", 3L);

        staff("owner").contentType("application/json").body(Map.of("monthly_billable", 4))
                .put("/clientes/" + tenant + "/usage/cap").then().statusCode(200)
                .body("reached", org.hamcrest.Matchers.equalTo(false));
        send(templateMessage("cap-12", "pedido_listo", "Ana", "#12")).then().statusCode(202);
        send(templateMessage("cap-13", "pedido_listo", "Ana", "#13")).then().statusCode(409);
        // the same key again is the same message, not a new place under the cap
        send(templateMessage("cap-12", "pedido_listo", "Ana", "#12")).then().statusCode(202);
        staff("owner").get("/clientes/" + tenant + "/usage/cap").then().body("used_this_month",
                org.hamcrest.Matchers.equalTo(4));
        // another tenant's cap is its own
        UUID other = UUID.randomUUID();
        given().auth().oauth2(TestTokens.staff("owner", other)).get("/clientes/" + other + "/usage/cap").then()
                .statusCode(200).body("used_this_month", org.hamcrest.Matchers.equalTo(0))
                .body("monthly_billable", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(TestTokens.staff("owner", other)).contentType("application/json")
                .body(Map.of("monthly_billable", 100)).put("/clientes/" + tenant + "/usage/cap").then().statusCode(403);
    }

    @Test
    void aMissedWebhookIsMadeGoodByTheSyncWithMetasList() throws Throwable {
        metaTakes("pedido_listo", "910000000000007", 0);
        String id = create(template("pedido_listo")).then().statusCode(201).extract().path("id");
        wiremock.stubFor(get(urlPathEqualTo("/graph/v21.0/" + waba + "/message_templates")).willReturn(okJson(
                "{\"data\":[{\"id\":\"910000000000007\",\"name\":\"pedido_listo\",\"language\":\"es\","
                        + "\"status\":\"APPROVED\",\"category\":\"UTILITY\",\"quality_score\":{\"score\":\"GREEN\"}},"
                        + "{\"id\":\"1\",\"name\":\"only_at_meta\",\"language\":\"es\",\"status\":\"APPROVED\"}]}")));
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> sync.round());
        staff("owner").get("/clientes/" + tenant + "/templates/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("APPROVED"))
                .body("quality", org.hamcrest.Matchers.equalTo("GREEN"));
        assertThat(TestDb.query(tenant, "select count(*) as n from message_templates").get(0)).containsEntry("n", 1L);
        wiremock.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/graph/v21.0/" + waba + "/message_templates"))
                .withHeader("Authorization", equalTo("Bearer EAAG-tenant-token")));
    }

    private void metaTakes(String name, String metaId, int delayMs) {
        wiremock.stubFor(post(urlPathEqualTo("/graph/v21.0/" + waba + "/message_templates"))
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .willReturn(okJson("{\"id\":\"" + metaId + "\",\"status\":\"PENDING\",\"category\":\"UTILITY\"}")
                        .withFixedDelay(delayMs)));
    }

    private Map<String, Object> template(String name) {
        return Map.of("phone_number_id", number, "name", name, "language", "es", "category", "UTILITY",
                "components", List.of(
                        Map.of("type", "BODY", "text", BODY, "example", Map.of("body_text", List.of(List.of("Ana", "#1234")))),
                        Map.of("type", "FOOTER", "text", "Tienda Demo"),
                        Map.of("type", "BUTTONS", "buttons", List.of(Map.of("type", "QUICK_REPLY", "text", "Gracias")))));
    }

    private Map<String, Object> templateMessage(String key, String name, String... parameters) {
        return Map.of("to", "56912345678", "phone_number_id", number, "type", "template", "idempotency_key", key,
                "template", Map.of("name", name, "language", Map.of("code", "es"), "components", List.of(Map.of(
                        "type", "body", "parameters", java.util.Arrays.stream(parameters)
                                .map(p -> Map.of("type", "text", "text", p)).toList()))));
    }

    private Map<String, Object> statusEvent(String metaId, String name, String event, String reason) {
        return Map.of("waba_id", waba, "field", "message_template_status_update", "value", Map.of("event", event,
                "message_template_id", Long.parseLong(metaId), "message_template_name", name,
                "message_template_language", "es", "reason", reason));
    }

    @SafeVarargs
    private Response events(Map<String, Object>... events) {
        return given().auth().oauth2(TestTokens.service("conversation-service")).contentType("application/json")
                .body(Map.of("events", List.of(events))).post("/internal/templates/events");
    }

    private Response create(Map<String, Object> body) {
        return staff("owner").contentType("application/json").body(body).post("/clientes/" + tenant + "/templates");
    }

    private io.restassured.specification.RequestSpecification staff(String rol) {
        return given().auth().oauth2(TestTokens.staff(rol, tenant));
    }
}
