package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole conversations: webhook in, router, skills, replies out to integrations-service. */
@QuarkusTest
class ConversationFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTACT = "56912345678";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    private FlowSupport flow;
    private UUID tenant;
    private String number;

    @BeforeEach
    void stubs() throws Throwable {
        flow = new FlowSupport(wiremock, processor).start("{}");
        tenant = flow.tenant;
        number = flow.number;
    }

    @Test
    void holaGetsTheMenu() throws Throwable {
        String wamid = say("hola");
        JsonNode reply = onlyReply();
        assertThat(reply.path("to").asText()).isEqualTo(CONTACT);
        assertThat(reply.path("phone_number_id").asText()).isEqualTo(number);
        assertThat(reply.path("idempotency_key").asText()).isEqualTo(wamid + ":0");
        assertThat(reply.path("interactive").path("type").asText()).isEqualTo("list");
        assertThat(rowIds(reply)).contains("catalogo.categorias", "catalogo.buscar", "vida_sana.menu", "reciclaje.info");
        assertThat(reply.path("interactive").path("body").path("text").asText()).startsWith("¡Hola, Ana!");
    }

    @Test
    void catalogCategoriesThenACategoryThenAProductWithItsTrackedLink() throws Throwable {
        say("¿Tienen catálogo?");
        assertThat(rowIds(onlyReply())).containsExactly("catalogo.categoria:Deportes", "catalogo.categoria:Despensa");

        wiremock.resetRequests();
        tap("catalogo.categoria:Despensa", "Despensa");
        JsonNode products = onlyReply();
        assertThat(rowIds(products)).containsExactly("catalogo.producto:CAF-001");
        JsonNode row = products.path("interactive").path("action").path("sections").get(0).path("rows").get(0);
        assertThat(row.path("title").asText()).hasSizeLessThanOrEqualTo(24).endsWith("…");
        assertThat(row.path("description").asText()).startsWith("$12.990 · Tueste medio").hasSizeLessThanOrEqualTo(72);
        // the active catalog is revalidated by its ETag, not downloaded again
        wiremock.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/catalog/clientes/" + tenant + "/catalog/active"))
                .withHeader("If-None-Match", equalTo("\"v1\"")).withHeader("X-Client-ID", equalTo(tenant.toString())));

        wiremock.resetRequests();
        tap("catalogo.producto:CAF-001", "Café de grano");
        JsonNode product = onlyReply();
        assertThat(product.path("text").path("body").asText()).contains("*Café de grano tostado en casa 1kg*")
                .contains("$12.990")
                .contains("https://bit.ly/3cAf");
        wiremock.verify(postRequestedFor(urlEqualTo("/integrations/links/shorten"))
                .withRequestBody(containing("\"campaign\":\"tienda\"")).withRequestBody(containing("\"content\":\"CAF-001\""))
                .withRequestBody(containing("cliente:tienda")).withRequestBody(containing("intent:catalogo.producto")));
    }

    @Test
    void buscarThenTheTermSearches() throws Throwable {
        say("buscar");
        assertThat(onlyReply().path("text").path("body").asText()).contains("¿Qué producto buscas?");
        wiremock.resetRequests();
        say("café");
        // one product clearly matches: it is the answer, with its link; searched in the bot's own copy of the catalog
        assertThat(onlyReply().path("text").path("body").asText()).contains("*Café de grano tostado en casa 1kg*")
                .contains("https://bit.ly/3cAf");
        wiremock.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/catalog/clientes/" + tenant + "/catalog/items")));
    }

    @Test
    void vidaSanaHasAMenuAndThreeScriptedAnswers() throws Throwable {
        say("vida sana");
        JsonNode menu = onlyReply();
        assertThat(buttonIds(menu)).containsExactly("vida_sana.alimentacion", "vida_sana.actividad", "vida_sana.descanso");
        for (String[] answer : new String[][] {{"vida_sana.alimentacion", "Alimentación"},
                {"vida_sana.actividad", "Actividad física"}, {"vida_sana.descanso", "Descanso"}}) {
            wiremock.resetRequests();
            tapButton(answer[0], answer[1]);
            assertThat(onlyReply().path("interactive").path("body").path("text").asText()).contains(answer[1]);
        }
    }

    @Test
    void reciclajeSaysItIsComing() throws Throwable {
        say("quiero reciclar");
        assertThat(onlyReply().path("interactive").path("body").path("text").asText()).contains("Estamos preparando");
    }

    @Test
    void aTenantWithoutCatalogGetsAPoliteAnswer() throws Throwable {
        wiremock.stubFor(get("/catalog/clientes/" + tenant + "/catalog/active").willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"urn:liora:problem:catalog-not-found\",\"title\":\"No catalog\",\"status\":404}")));
        say("catalogo");
        assertThat(onlyReply().path("text").path("body").asText()).contains("Todavía no tenemos un catálogo");
    }

    @Test
    void theSameWebhookThreeTimesGetsOneAnswer() throws Throwable {
        String wamid = Webhooks.wamid();
        String body = Webhooks.body(number, Webhooks.contact(CONTACT, "Ana"),
                Webhooks.text(wamid, CONTACT, Webhooks.now(), "hola"), "");
        for (int i = 0; i < 3; i++) {
            Webhooks.deliver(body).then().statusCode(200);
            round();
        }
        assertThat(replies()).hasSize(1);
    }

    @Test
    void eachContactIsAnsweredInTimestampOrderEvenWhenDeliveredOutOfOrder() throws Throwable {
        long now = Webhooks.now();
        String first = Webhooks.wamid();
        String second = Webhooks.wamid();
        String other = Webhooks.wamid();
        // Meta delivers the later message first, and another contact's in between
        Webhooks.deliver(Webhooks.body(number, "", Webhooks.text(second, CONTACT, now, "vida sana"), ""))
                .then().statusCode(200);
        Webhooks.deliver(Webhooks.body(number, "", Webhooks.text(first, CONTACT, now - 5, "hola") + ","
                + Webhooks.text(other, "56987654321", now - 3, "catalogo"), "")).then().statusCode(200);
        round();
        round();
        List<String> keys = replies().stream().map(r -> r.path("idempotency_key").asText()).toList();
        assertThat(keys).contains(first + ":0", second + ":0", other + ":0");
        assertThat(keys.indexOf(first + ":0")).isLessThan(keys.indexOf(second + ":0"));
    }

    @Test
    void aMessageThatCouldNotBeAnsweredIsTriedAgainWithinSecondsNotAfterItsLease() throws Throwable {
        wiremock.stubFor(post(QueuedReplies.BATCH).inScenario("down").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up").atPriority(1));
        String wamid = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(number, "", Webhooks.text(wamid, CONTACT, Webhooks.now(), "hola"), ""))
                .then().statusCode(200);
        round();
        Map<String, Object> row = TestDb.query(tenant, "select status, extract(epoch from claimed_until - now())"
                + " as retry_in from inbound_messages where wamid = ?", wamid).get(0);
        assertThat(row).containsEntry("status", "pending");
        assertThat(((Number) row.get("retry_in")).doubleValue()).isBetween(0.0, 2.5);
        Thread.sleep(2100);
        round();
        assertThat(TestDb.query(tenant, "select status from inbound_messages where wamid = ?", wamid).get(0))
                .containsEntry("status", "done");
        assertThat(replies()).extracting(r -> r.path("idempotency_key").asText()).contains(wamid + ":0");
    }

    @Test
    void aRoundAnswersManyContactsAtOnceEachOnceAndInOrder() throws Throwable {
        long now = Webhooks.now();
        List<String> firsts = new java.util.ArrayList<>();
        List<String> seconds = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String contact = "5697000" + String.format("%04d", i);
            firsts.add(Webhooks.wamid());
            seconds.add(Webhooks.wamid());
            Webhooks.deliver(Webhooks.body(number, "", Webhooks.text(firsts.get(i), contact, now - 10, "hola") + ","
                    + Webhooks.text(seconds.get(i), contact, now - 5, "vida sana"), "")).then().statusCode(200);
        }
        // one claim holds every contact's oldest message: the 40 are processed concurrently
        assertThat(VertxContextSupport.subscribeAndAwait(() -> processor.round())).isEqualTo(40);
        round();
        List<String> keys = replies().stream().map(r -> r.path("idempotency_key").asText()).toList();
        for (int i = 0; i < 40; i++) {
            assertThat(keys).containsOnlyOnce(firsts.get(i) + ":0", seconds.get(i) + ":0");
            assertThat(keys.indexOf(firsts.get(i) + ":0")).isLessThan(keys.indexOf(seconds.get(i) + ":0"));
        }
        assertThat(TestDb.query(tenant, "select count(*) as contacts from convo_state where msisdn like '5697000%'"
                + " and last_intent like 'vida_sana%'").get(0)).containsEntry("contacts", 40L);
        assertThat(TestDb.query(tenant, "select count(*) as done from inbound_messages where msisdn like '5697000%'"
                + " and status = 'done'").get(0)).containsEntry("done", 80L);
    }

    @Test
    void freeTextIsAnsweredAtTheFirstAndThirdAndAPersonTakesOverAfterThree() throws Throwable {
        say("hola"); // first contact: the greeting, then the contact is known
        wiremock.resetRequests();
        for (int i = 1; i <= 3; i++) {
            say("xyzzy " + i);
        }
        List<JsonNode> replies = replies();
        assertThat(replies).hasSize(2);
        assertThat(rowIds(replies.get(0))).contains("catalogo.categorias");
        assertThat(textOf(replies.get(1))).contains("una persona del equipo");
        assertThat(TestDb.query(tenant, "select needs_human, handoff, nomatch_streak from convo_state where msisdn = ?",
                CONTACT).get(0)).containsEntry("needs_human", true).containsEntry("handoff", "waiting")
                .containsEntry("nomatch_streak", 3);
        assertThat(TestDb.query(tenant, "select count(*) as silent from conversation_log where msisdn = ? and"
                + " note = 'no_match_backoff'", CONTACT).get(0)).containsEntry("silent", 1L);
    }

    @Test
    void aWorkerThatDiedMidProcessingLeavesTheMessageToBeAnsweredOnce() throws Throwable {
        String wamid = say("hola");
        // as if the worker had sent the replies and died before its final transaction committed
        TestDb.update(tenant, "delete from conversation_log where wamid = ? or inbound_message_id ="
                + " (select id from inbound_messages where wamid = ?)", wamid, wamid);
        TestDb.update(tenant, "update inbound_messages set status = 'pending', claimed_until = now() - interval '1 second'"
                + " where wamid = ?", wamid);
        round();
        List<String> keys = replies().stream().map(r -> r.path("idempotency_key").asText()).toList();
        assertThat(keys).as("the retry uses the same keys, so integrations-service sends nothing new")
                .containsExactly(wamid + ":0", wamid + ":0");
        assertThat(TestDb.query(tenant, "select status from inbound_messages where wamid = ?", wamid).get(0))
                .containsEntry("status", "done");
        assertThat(TestDb.query(tenant, "select direction from conversation_log where inbound_message_id ="
                + " (select id from inbound_messages where wamid = ?)", wamid)).hasSize(2);
    }

    @Test
    void outsideTheTwentyFourHourWindowNothingIsSentAndTheLogSaysWhy() throws Throwable {
        String wamid = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(number, "", Webhooks.text(wamid, CONTACT, Webhooks.now() - 25 * 3600, "hola"),
                "")).then().statusCode(200);
        round();
        assertThat(replies()).isEmpty();
        assertThat(TestDb.query(tenant, "select note from conversation_log where wamid = ?", wamid).get(0))
                .containsEntry("note", "outside_24h_window");
    }

    @Test
    void theConversationIsLoggedBothWays() throws Throwable {
        String wamid = say("vida sana");
        List<Map<String, Object>> log = TestDb.query(tenant, "select direction, intent, skill, intent_source,"
                + " outbound_message_id is not null as has_outbound from conversation_log where msisdn = ?"
                + " and inbound_message_id = (select id from inbound_messages where wamid = ?) order by direction",
                CONTACT, wamid);
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).containsEntry("direction", "in").containsEntry("intent", "vida_sana.menu")
                .containsEntry("skill", "vida_sana").containsEntry("intent_source", "keyword");
        assertThat(log.get(1)).containsEntry("direction", "out").containsEntry("has_outbound", true);
    }

    @Test
    void theTenantsPolicyChoosesSkillsTextsAndBackoff() throws Throwable {
        Webhooks.number(wiremock, number, tenant, "activo", "{\"enabled_skills\":[\"catalogo\"],"
                + "\"texts\":{\"menu.greeting\":\"Bienvenido a Tienda Uno\"},\"nomatch\":{\"offer_human_after\":1}}");
        say("hola");
        JsonNode menu = onlyReply();
        assertThat(menu.path("interactive").path("body").path("text").asText()).isEqualTo("Bienvenido a Tienda Uno");
        assertThat(rowIds(menu)).containsExactly("catalogo.categorias", "catalogo.buscar");

        wiremock.resetRequests();
        String wamid = say("vida sana");
        assertThat(rowIds(onlyReply())).containsExactly("catalogo.categorias", "catalogo.buscar");
        assertThat(TestDb.query(tenant, "select note from conversation_log where wamid = ?", wamid).get(0))
                .containsEntry("note", "skill_disabled");

        wiremock.resetRequests();
        say("xyzzy");
        assertThat(textOf(onlyReply())).as("a person takes over after one unmatched message")
                .contains("una persona del equipo");
    }

    @Test
    void theTenantsReplyCapHolds() throws Throwable {
        Webhooks.number(wiremock, number, tenant, "activo", "{\"reply_rate_per_minute\":2}");
        say("hola");
        // a turn that sends nothing (a reaction) gives back the reply its load reserved
        Webhooks.deliver(Webhooks.body(number, "", Webhooks.typed(Webhooks.wamid(), CONTACT, "reaction",
                "{\"message_id\":\"wamid.OURS\",\"emoji\":\"👍\"}"), "")).then().statusCode(200);
        round();
        say("vida sana");
        String third = say("reciclaje");
        assertThat(replies()).hasSize(2);
        assertThat(TestDb.query(tenant, "select note from conversation_log where wamid = ?", third).get(0))
                .containsEntry("note", "tenant_reply_cap");
        // the silenced turn gave its reservation back: the window holds the two replies sent
        assertThat(TestDb.query(tenant, "select sum(replies) as replies from reply_counts where cliente_id = ?::uuid",
                tenant.toString()).get(0)).containsEntry("replies", 2L);
    }

    @Test
    void theReplyCapCountsTheRepliesOfTheLastMinuteOnly() throws Throwable {
        Webhooks.number(wiremock, number, tenant, "activo", "{\"reply_rate_per_minute\":2}");
        String counted = "insert into reply_counts (cliente_id, second, slot, replies) values (?::uuid, now() - ?::interval, ?, 2)";
        TestDb.update(tenant, counted, tenant.toString(), "70 seconds", 0); // out of the minute
        say("hola");
        assertThat(replies()).hasSize(1);

        wiremock.resetRequests();
        TestDb.update(tenant, counted, tenant.toString(), "55 seconds", 1); // within it: the cap is reached
        String capped = say("vida sana");
        assertThat(replies()).isEmpty();
        assertThat(TestDb.query(tenant, "select note from conversation_log where wamid = ?", capped).get(0))
                .containsEntry("note", "tenant_reply_cap");
    }

    // --- helpers --------------------------------------------------------------------------------

    private String say(String text) throws Throwable {
        String wamid = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(number, Webhooks.contact(CONTACT, "Ana María"),
                Webhooks.text(wamid, CONTACT, Webhooks.now(), text), "")).then().statusCode(200);
        round();
        return wamid;
    }

    private void tap(String id, String title) throws Throwable {
        Webhooks.deliver(Webhooks.body(number, "", Webhooks.listReply(Webhooks.wamid(), CONTACT, Webhooks.now(), id,
                title), "")).then().statusCode(200);
        round();
    }

    private void tapButton(String id, String title) throws Throwable {
        Webhooks.deliver(Webhooks.body(number, "", Webhooks.buttonReply(Webhooks.wamid(), CONTACT, Webhooks.now(), id,
                title), "")).then().statusCode(200);
        round();
    }

    private void round() throws Throwable {
        flow.round();
    }

    private List<JsonNode> replies() {
        return flow.replies();
    }

    private JsonNode onlyReply() {
        List<JsonNode> replies = replies();
        assertThat(replies).hasSize(1);
        return replies.get(0);
    }

    private static List<String> rowIds(JsonNode reply) {
        return FlowSupport.rowIds(reply);
    }

    private static String textOf(JsonNode reply) {
        return FlowSupport.textOf(reply);
    }

    private static List<String> buttonIds(JsonNode reply) {
        List<String> ids = new java.util.ArrayList<>();
        reply.path("interactive").path("action").path("buttons").forEach(b -> ids.add(b.path("reply").path("id").asText()));
        return ids;
    }
}
