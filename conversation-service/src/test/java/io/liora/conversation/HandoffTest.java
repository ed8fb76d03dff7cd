package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.handoff.IdleReleases;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A person takes over: the bot announces it once and goes silent, staff see and take the
 * conversation (one of two racing agents wins), answer once per Idempotency-Key inside the 24-hour
 * window, and give it back (or it goes back when idle); another tenant sees none of it.
 */
@QuarkusTest
class HandoffTest {

    private static final String PHONE = "56955550001";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    @Inject
    IdleReleases idle;

    @Test
    void aPersonTakesOverAnswersOnceAndGivesItBackToTheBot() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        say(flow, "hola");
        wiremock.resetRequests();

        say(flow, "quiero hablar con una persona");
        List<JsonNode> announced = flow.replies();
        assertThat(announced).hasSize(1);
        assertThat(FlowSupport.textOf(announced.get(0))).contains("una persona del equipo");
        String contact = contactId(flow);
        wiremock.resetRequests();
        say(flow, "¿hola? sigo esperando");
        say(flow, "catálogo");
        assertThat(flow.replies()).as("the bot is silent while a person is about to answer").isEmpty();

        UUID ana = UUID.randomUUID();
        UUID beto = UUID.randomUUID();
        String anaToken = TestTokens.staff("agent", flow.tenant, ana);
        String betoToken = TestTokens.staff("agent", flow.tenant, beto);
        given().auth().oauth2(anaToken).get(base(flow) + "?state=waiting").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].contact_id", equalTo(contact))
                .body("items[0].phone", equalTo(PHONE)).body("items[0].unread", equalTo(3)) // the request too
                .body("items[0].last_message", equalTo("catálogo")).body("items[0].window_closes_at", notNullValue());

        // two agents take it at the same moment: one wins, the other is told someone holds it
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> assign(flow, anaToken, contact, null));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> assign(flow, betoToken, contact, null));
        assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(200, 409);
        UUID holder = first.get() == 200 ? ana : beto;
        String holderToken = holder == ana ? anaToken : betoToken;
        String otherToken = holder == ana ? betoToken : anaToken;
        given().auth().oauth2(holderToken).get(base(flow) + "?assigned_to=me").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].state", equalTo("agent"))
                .body("items[0].assigned_agent", equalTo(holder.toString()));
        given().auth().oauth2(otherToken).get(base(flow) + "?assigned_to=me").then().statusCode(200)
                .body("items", hasSize(0));

        // only the person holding it answers, once per key
        answer(flow, otherToken, contact, "k-1", "Hola, soy otra persona").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:liora:problem:not-assigned"));
        String outbound = answer(flow, holderToken, contact, "k-1", "Hola Ana, te ayudo yo 🙂").then().statusCode(202)
                .extract().path("outbound_message_id");
        answer(flow, holderToken, contact, "k-1", "Hola Ana, te ayudo yo 🙂").then().statusCode(202)
                .body("outbound_message_id", equalTo(outbound));
        answer(flow, holderToken, contact, "k-1", "otro texto").then().statusCode(422)
                .body("type", equalTo("urn:liora:problem:idempotency-key-reused"));
        given().auth().oauth2(holderToken).contentType(ContentType.JSON).body(Map.of("text", "sin clave"))
                .post(base(flow) + "/" + contact + "/messages").then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(flow.replies()).hasSize(1);
        assertThat(flow.replies().get(0).path("idempotency_key").asText()).isEqualTo(contact + ":agent:k-1");
        assertThat(flow.replies().get(0).path("to").asText()).isEqualTo(PHONE);

        // its delivery status reaches the transcript from Meta's status webhook
        Webhooks.deliver(Webhooks.body(flow.number, "", "", "{\"id\":\"" + Webhooks.wamid()
                + "\",\"status\":\"read\",\"timestamp\":\"" + Webhooks.now() + "\",\"recipient_id\":\"" + PHONE
                + "\",\"biz_opaque_callback_data\":\"liora:" + outbound + "\"}")).then().statusCode(200);
        say(flow, "gracias!");
        Response transcript = given().auth().oauth2(holderToken).get(base(flow) + "/" + contact);
        transcript.then().statusCode(200).body("conversation.state", equalTo("agent"))
                .body("conversation.unread", equalTo(1))
                .body("messages[0].text", equalTo("gracias!")).body("messages[0].author", equalTo("customer"))
                .body("messages[1].text", equalTo("Hola Ana, te ayudo yo 🙂")).body("messages[1].author", equalTo("agent"))
                .body("messages[1].agent_id", equalTo(holder.toString()))
                .body("messages[1].delivery_status", equalTo("read"))
                .body("messages[4].author", equalTo("bot"));
        assertThat(transcript.jsonPath().getList("messages.text")).startsWith("gracias!", "Hola Ana, te ayudo yo 🙂",
                "catálogo", "¿hola? sigo esperando");
        // pages go back without gaps
        Response page = given().auth().oauth2(holderToken).get(base(flow) + "/" + contact + "?limit=2");
        String cursor = page.path("next_cursor");
        given().auth().oauth2(holderToken).get(base(flow) + "/" + contact + "?limit=2&cursor=" + cursor).then()
                .body("messages.text", equalTo(List.of("catálogo", "¿hola? sigo esperando")));
        assertThat(flow.replies()).as("still silent for the bot").hasSize(1);

        // an agent gives back only what they hold; then the bot answers again
        given().auth().oauth2(otherToken).contentType(ContentType.JSON).body("{}").post(base(flow) + "/" + contact
                + "/release").then().statusCode(403);
        given().auth().oauth2(holderToken).contentType(ContentType.JSON)
                .body(Map.of("text", "Te dejo con el asistente. ¡Que estés bien!"))
                .post(base(flow) + "/" + contact + "/release").then().statusCode(200)
                .body("state", equalTo("closed")).body("assigned_agent", equalTo(null));
        assertThat(FlowSupport.textOf(flow.replies().get(1))).isEqualTo("Te dejo con el asistente. ¡Que estés bien!");
        wiremock.resetRequests();
        say(flow, "hola");
        assertThat(FlowSupport.rowIds(flow.replies().get(0))).contains("catalogo.categorias");
        assertThat(TestDb.query(flow.tenant, "select handoff from convo_state where contact_id = ?::uuid", contact)
                .get(0)).containsEntry("handoff", "bot");

        given().auth().oauth2(TestTokens.staff("owner", flow.tenant, UUID.randomUUID())).get(base(flow) + "/metrics").then()
                .statusCode(200).body("requested.asked", equalTo(1)).body("assigned", equalTo(1))
                .body("first_replies", equalTo(1)).body("released.agent", equalTo(1))
                .body("by_agent", hasSize(1)).body("by_agent[0].agent_id", equalTo(holder.toString()))
                .body("by_agent[0].released", equalTo(1));
        given().auth().oauth2(anaToken).get(base(flow) + "/metrics").then().statusCode(403);
    }

    @Test
    void ownersGiveAConversationToAnActiveAgentOfTheirTenantOnly() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        say(flow, "humano");
        String contact = contactId(flow);
        UUID agent = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        staffUser(flow, agent, "agent", "activo");
        staffUser(flow, gone, "agent", "inactivo");
        wiremock.stubFor(get("/tenant/clientes/" + flow.tenant + "/usuarios/" + stranger).willReturn(notFound()));
        String owner = TestTokens.staff("owner", flow.tenant, UUID.randomUUID());

        assertThat(assign(flow, owner, contact, stranger)).isEqualTo(400);
        assertThat(assign(flow, owner, contact, gone)).isEqualTo(400);
        assertThat(assign(flow, TestTokens.staff("agent", flow.tenant, UUID.randomUUID()), contact, agent))
                .as("an agent takes conversations for themselves only").isEqualTo(403);
        assertThat(assign(flow, owner, contact, agent)).isEqualTo(200);
        // an owner may take it over from the agent; an admin too
        assertThat(assign(flow, owner, contact, null)).isEqualTo(200);
        assertThat(assign(flow, TestTokens.staff("admin", flow.tenant, UUID.randomUUID()), contact, null)).isEqualTo(200);
        assertThat(assign(flow, TestTokens.staff("agent", flow.tenant, agent), contact, null)).isEqualTo(409);
    }

    @Test
    void afterTheWindowOnlyATemplateWouldReachTheCustomerSoTheAnswerIsRefused() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        say(flow, "hablar con un ejecutivo");
        String contact = contactId(flow);
        UUID agent = UUID.randomUUID();
        String token = TestTokens.staff("agent", flow.tenant, agent);
        assertThat(assign(flow, token, contact, null)).isEqualTo(200);
        String early = answer(flow, token, contact, "early-1", "Te escribo en un rato").then().statusCode(202)
                .extract().path("outbound_message_id");
        TestDb.update(flow.tenant, "update convo_state set last_inbound_at = now() - interval '25 hours'"
                + " where contact_id = ?::uuid", contact);
        wiremock.resetRequests();
        answer(flow, token, contact, "late-1", "¿Sigues ahí?").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:liora:problem:window-closed"))
                .body("detail", org.hamcrest.Matchers.containsString("send an approved template instead"));
        wiremock.verify(0, postRequestedFor(urlEqualTo("/integrations/messages")));

        // the fix: an approved template, which reaches the customer at any time
        Map<String, Object> template = Map.of("template", Map.of("name", "seguimiento", "language", "es",
                "parameters", List.of("Ana")));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "late-2").body(template)
                .post(base(flow) + "/" + contact + "/messages").then().statusCode(202);
        wiremock.verify(1, postRequestedFor(urlEqualTo("/integrations/messages"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.type",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("template")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.template.name",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("seguimiento")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.template.components[0].parameters[0].text",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Ana"))));
        assertThat(TestDb.query(flow.tenant, "select message_type, text from conversation_log where direction = 'out'"
                + " and intent = 'agente' and idempotency_key like '%late-2'")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("message_type", "template").containsEntry("text", "[plantilla seguimiento] Ana"));
        // a template with an image header gets its image by link, before the body
        Map<String, Object> withImage = Map.of("template", Map.of("name", "oferta_foto", "language", "es",
                "parameters", List.of("Ana"), "header_media", Map.of("type", "image",
                        "link", "https://tienda.example.com/oferta.jpg")));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "late-5").body(withImage)
                .post(base(flow) + "/" + contact + "/messages").then().statusCode(202);
        wiremock.verify(1, postRequestedFor(urlEqualTo("/integrations/messages"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.template.components[0].parameters[0].image.link",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("https://tienda.example.com/oferta.jpg")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.template.components[1].parameters[0].text",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Ana"))));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "late-6")
                .body(Map.of("template", Map.of("name", "oferta_foto", "language", "es", "parameters", List.of("Ana"),
                        "header_media", Map.of("type", "image", "link", "http://tienda.example.com/oferta.jpg"))))
                .post(base(flow) + "/" + contact + "/messages").then().statusCode(400)
                .contentType("application/problem+json");
        // neither both nor none
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "late-3")
                .body(Map.of("text", "hola", "template", template.get("template")))
                .post(base(flow) + "/" + contact + "/messages").then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "late-4").body(Map.of())
                .post(base(flow) + "/" + contact + "/messages").then().statusCode(400);

        // the text sent just before the window closed, which Meta then refused, shows why and the fix
        Webhooks.deliver(Webhooks.body(flow.number, "", "", "{\"id\":\"" + Webhooks.wamid()
                + "\",\"status\":\"failed\",\"timestamp\":\"" + Webhooks.now() + "\",\"recipient_id\":\"" + PHONE
                + "\",\"biz_opaque_callback_data\":\"liora:" + early + "\",\"errors\":[{\"code\":131047,"
                + "\"title\":\"Re-engagement message\",\"error_data\":{\"details\":\"Message failed to send because"
                + " more than 24 hours have passed since the customer last replied to this number.\"}}]}"))
                .then().statusCode(200);
        Response transcript = given().auth().oauth2(token).get(base(flow) + "/" + contact);
        int at = transcript.jsonPath().getList("messages.text").indexOf("Te escribo en un rato");
        assertThat(transcript.jsonPath().getString("messages[" + at + "].delivery_status")).isEqualTo("failed");
        assertThat(transcript.jsonPath().getString("messages[" + at + "].delivery_error"))
                .startsWith("131047 Re-engagement message: Message failed to send because more than 24 hours")
                .endsWith("(the 24-hour window had closed: send an approved template)");
        assertThat(transcript.jsonPath().getString("messages[0].delivery_error")).isNull();
    }

    @Test
    void aConversationNobodyTouchesGoesBackToTheBotAfterTheTenantsTimeout() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{\"handoff\":{\"idle_minutes\":5}}");
        say(flow, "quiero hablar con alguien");
        String contact = contactId(flow);
        assertThat(assign(flow, TestTokens.staff("agent", flow.tenant, UUID.randomUUID()), contact, null)).isEqualTo(200);
        assertThat(TestDb.query(flow.tenant, "select idle_release_at > now() + interval '4 minutes' and idle_release_at"
                + " < now() + interval '6 minutes' as five from convo_state where contact_id = ?::uuid", contact).get(0))
                .as("the tenant's 5 minutes").containsEntry("five", true);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> idle.sweep())).as("not idle yet").isZero();

        TestDb.update(flow.tenant, "update convo_state set idle_release_at = now() - interval '1 second'"
                + " where contact_id = ?::uuid", contact);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> idle.sweep())).isGreaterThanOrEqualTo(1);
        assertThat(TestDb.query(flow.tenant, "select handoff, assigned_agent from convo_state where contact_id = ?::uuid",
                contact).get(0)).containsEntry("handoff", "closed").containsEntry("assigned_agent", null);
        wiremock.resetRequests();
        say(flow, "hola");
        assertThat(FlowSupport.rowIds(flow.replies().get(0))).contains("catalogo.categorias");
        given().auth().oauth2(TestTokens.staff("owner", flow.tenant, UUID.randomUUID())).get(base(flow) + "/metrics").then()
                .statusCode(200).body("released.idle", equalTo(1));
    }

    @Test
    void outsideBusinessHoursTheBotSaysWhenPeopleAnswer() throws Throwable {
        // open only on a day that is not today, in the tenant's zone
        java.time.DayOfWeek tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("America/Santiago")).plusDays(1)
                .getDayOfWeek();
        String day = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun").get(tomorrow.getValue() - 1);
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{\"handoff\":{\"business_hours\":{"
                + "\"time_zone\":\"America/Santiago\",\"openings\":[{\"day\":\"" + day
                + "\",\"opens\":\"09:00\",\"closes\":\"18:00\"}]}}}");
        say(flow, "hola");
        wiremock.resetRequests();
        say(flow, "necesito hablar con una persona");
        assertThat(FlowSupport.textOf(flow.replies().get(0))).contains("fuera de horario").contains("mañana a las 09:00");
    }

    @Test
    void anotherTenantsStaffNeverSeeOrTouchTheConversation() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        say(flow, "humano");
        String contact = contactId(flow);
        UUID other = UUID.randomUUID();
        for (String rol : Set.of("owner", "admin", "agent")) {
            String token = TestTokens.staff(rol, other, UUID.randomUUID());
            given().auth().oauth2(token).get(base(flow)).then().statusCode(403);
            given().auth().oauth2(token).get("/clientes/" + other + "/conversations").then().statusCode(200)
                    .body("items", hasSize(0));
            given().auth().oauth2(token).get("/clientes/" + other + "/conversations/" + contact).then()
                    .statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                    .post("/clientes/" + other + "/conversations/" + contact + "/assign").then().statusCode(404);
            given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "x-" + rol)
                    .body(Map.of("text", "hola")).post("/clientes/" + other + "/conversations/" + contact + "/messages")
                    .then().statusCode(404);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                    .post("/clientes/" + other + "/conversations/" + contact + "/release").then().statusCode(404);
        }
        assertThat(TestDb.query(flow.tenant, "select handoff, assigned_agent from convo_state where contact_id = ?::uuid",
                contact).get(0)).containsEntry("handoff", "waiting").containsEntry("assigned_agent", null);
        given().get(base(flow)).then().statusCode(401);
        given().auth().oauth2(TestTokens.platformAdmin()).header("X-Client-ID", flow.tenant.toString())
                .get(base(flow) + "?state=waiting").then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(TestTokens.platformAdmin()).header("X-Client-ID", flow.tenant.toString())
                .contentType(ContentType.JSON).body("{}").post(base(flow) + "/" + contact + "/assign").then()
                .statusCode(403);
    }

    @Test
    void theConsoleHearsItsTenantsChangesLiveAndNothingOfAnotherTenant() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        say(flow, "hola");
        String contact = contactId(flow);
        UUID agent = UUID.randomUUID();
        try (EventStream mine = EventStream.open(base(flow) + "/events", TestTokens.staff("agent", flow.tenant, agent));
                EventStream theirs = EventStream.open("/clientes/" + UUID.randomUUID() + "/conversations/events",
                        TestTokens.staff("owner", UUID.randomUUID(), UUID.randomUUID()))) {
            // another tenant's token on this tenant's stream is refused like every other route
            given().auth().oauth2(TestTokens.staff("owner", UUID.randomUUID(), UUID.randomUUID())).get(base(flow) + "/events")
                    .then().statusCode(403);
            say(flow, "quiero hablar con una persona");
            assertThat(mine.receives(e -> e.contains("\"kind\":\"messages\"") && e.contains(contact),
                    java.time.Duration.ofSeconds(10))).as("the new messages").isTrue();
            assertThat(mine.receives(e -> e.contains("\"kind\":\"state\"") && e.contains(contact),
                    java.time.Duration.ofSeconds(10))).as("a conversation now waiting").isTrue();
            int before = mine.events().size();
            assertThat(assign(flow, TestTokens.staff("agent", flow.tenant, agent), contact, null)).isEqualTo(200);
            assertThat(mine.receivesAfter(before, e -> e.contains("\"kind\":\"state\"") && e.contains(contact),
                    java.time.Duration.ofSeconds(10))).as("taken").isTrue();
            Webhooks.deliver(Webhooks.body(flow.number, "", "", Webhooks.status(Webhooks.wamid(), "delivered", PHONE)))
                    .then().statusCode(200);
            assertThat(mine.receives(e -> e.contains("\"kind\":\"statuses\""), java.time.Duration.ofSeconds(10)))
                    .as("a delivery status").isTrue();
            assertThat(theirs.events()).as("another tenant's console").noneMatch(e -> e.contains(contact)
                    || e.contains(flow.tenant.toString()));
        }
    }

    private void staffUser(FlowSupport flow, UUID id, String rol, String estado) {
        wiremock.stubFor(get("/tenant/clientes/" + flow.tenant + "/usuarios/" + id).willReturn(okJson(
                "{\"id\":\"" + id + "\",\"cliente_id\":\"" + flow.tenant + "\",\"email\":\"a@b.cl\",\"rol\":\"" + rol
                        + "\",\"estado\":\"" + estado + "\"}")));
    }

    private static String base(FlowSupport flow) {
        return "/clientes/" + flow.tenant + "/conversations";
    }

    private static int assign(FlowSupport flow, String token, String contact, UUID agent) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(agent == null ? "{}" : "{\"agent_id\":\"" + agent + "\"}")
                .post(base(flow) + "/" + contact + "/assign").statusCode();
    }

    private static Response answer(FlowSupport flow, String token, String contact, String key, String text) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("text", text)).post(base(flow) + "/" + contact + "/messages");
    }

    private static String contactId(FlowSupport flow) {
        return TestDb.query(flow.tenant, "select id from contacts where phone = ?", PHONE).get(0).get("id").toString();
    }

    private static void say(FlowSupport flow, String text) throws Throwable {
        flow.deliver(Webhooks.contact(PHONE, "Ana"), Webhooks.text(Webhooks.wamid(), PHONE, Webhooks.now(), text));
    }
}
