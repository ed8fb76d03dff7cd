package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.liora.conversation.privacy.ErasureWorker;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A customer's data on request: the export holds exactly that contact's data, and an erasure
 * leaves nothing of them in any table, finishes in integrations-service when it comes back, and
 * is not undone by Meta's late retries.
 */
@QuarkusTest
class ContactDataRightsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    @Inject
    ErasureWorker worker;

    /** A customer of the test: their phone, BSUID, name and a text only they wrote. */
    private record Person(String phone, String bsuid, String name, String text) {
        static Person fresh(String name) {
            String digits = String.valueOf(56_900_000_000L + (long) (Math.random() * 99_999_999L));
            String tag = UUID.randomUUID().toString().substring(0, 8);
            return new Person(digits, "CL." + (1_000_000_000_000L + (long) (Math.random() * 8e12)),
                    name + " " + tag, "mi texto privado " + tag);
        }
    }

    private static String say(FlowSupport flow, Person person, String text, long timestamp) throws Throwable {
        String wamid = Webhooks.wamid();
        flow.deliver(Webhooks.contactWithBsuid(person.phone(), person.bsuid(), person.name()),
                Webhooks.text(wamid, person.phone(), timestamp, text));
        return wamid;
    }

    private static String contactOf(FlowSupport flow, Person person) {
        return TestDb.query(flow.tenant, "select id from contacts where phone = ?", person.phone()).get(0).get("id")
                .toString();
    }

    private void stubTheOtherServices() {
        wiremock.stubFor(post(urlPathMatching("/integrations/internal/contacts/.*/export")).willReturn(okJson(
                "{\"outbound_messages\":[{\"id\":\"from-integrations\"}],\"opt_outs\":[],\"short_links\":[]}")));
        wiremock.stubFor(post(urlPathEqualTo("/tenant/internal/audit")).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void theExportHoldsExactlyTheContactsDataAndIsAudited() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        stubTheOtherServices();
        Person ana = Person.fresh("Ana");
        Person beto = Person.fresh("Beto");
        say(flow, ana, "hola", Webhooks.now());
        say(flow, ana, ana.text(), Webhooks.now());
        say(flow, beto, beto.text(), Webhooks.now());
        // the same phone writes to another tenant's number
        UUID otherTenant = UUID.randomUUID();
        String otherNumber = String.valueOf(200_000_000_000_000L + (long) (Math.random() * 1e14));
        Webhooks.number(wiremock, otherNumber, otherTenant, "activo", "{}");
        String otherText = "texto en otra tienda " + UUID.randomUUID();
        Webhooks.deliver(Webhooks.body(otherNumber, Webhooks.contact(ana.phone(), ana.name()),
                Webhooks.text(Webhooks.wamid(), ana.phone(), Webhooks.now(), otherText), "")).then().statusCode(200);
        flow.round();
        String contact = contactOf(flow, ana);

        String document = given().auth().oauth2(TestTokens.staff("admin", flow.tenant)).header("X-Request-Id", "export-1")
                .get("/clientes/" + flow.tenant + "/contacts/" + contact + "/export")
                .then().statusCode(200).contentType("application/json").extract().asString();
        JsonNode export = JSON.readTree(document);
        assertThat(export.path("contact_id").asText()).isEqualTo(contact);
        JsonNode here = export.path("conversation_service");
        assertThat(here.path("contacts").get(0).path("phone").asText()).isEqualTo(ana.phone());
        assertThat(here.path("contacts").get(0).path("bsuid").asText()).isEqualTo(ana.bsuid());
        assertThat(here.path("inbound_messages")).hasSize(2);
        assertThat(here.path("log").size()).isGreaterThanOrEqualTo(4); // two messages and their answers
        assertThat(here.path("conversation_state")).hasSize(1);
        assertThat(document).contains(ana.text()).doesNotContain(beto.text()).doesNotContain(beto.phone())
                .doesNotContain(otherText).doesNotContain(otherTenant.toString());
        assertThat(export.path("integrations_service").path("outbound_messages").get(0).path("id").asText())
                .isEqualTo("from-integrations");
        LoggedRequest asked = wiremock.findAll(postRequestedFor(urlPathEqualTo(
                "/integrations/internal/contacts/" + contact + "/export"))).get(0);
        assertThat(JSON.readTree(asked.getBodyAsString()).path("phones").get(0).asText()).isEqualTo(ana.phone());
        assertThat(asked.getHeader("X-Client-ID")).isEqualTo(flow.tenant.toString());
        LoggedRequest audit = wiremock.findAll(postRequestedFor(urlPathEqualTo("/tenant/internal/audit"))).get(0);
        JsonNode record = JSON.readTree(audit.getBodyAsString());
        assertThat(record.path("action").asText()).isEqualTo("contact.exported");
        assertThat(record.path("actor_role").asText()).isEqualTo("admin");
        assertThat(record.path("request_id").asText()).isEqualTo("export-1");
        assertThat(audit.getBodyAsString()).doesNotContain(ana.phone()).doesNotContain(ana.name());

        // a long conversation streams out page by page, every row once, in order
        int logged = here.path("log").size();
        TestDb.update(flow.tenant, "insert into conversation_log (id, cliente_id, contact_id, msisdn, direction, "
                + "message_type, text, created_at, updated_at) select gen_random_uuid(), cliente_id, contact_id, msisdn, "
                + "'in', 'text', 'relleno ' || n, now() + n * interval '1 millisecond', now() from conversation_log, "
                + "generate_series(1, 1100) n where contact_id = ?::uuid and direction = 'in' and text = ?", contact,
                ana.text());
        JsonNode longer = JSON.readTree(given().auth().oauth2(TestTokens.staff("owner", flow.tenant))
                .get("/clientes/" + flow.tenant + "/contacts/" + contact + "/export").then().statusCode(200)
                .extract().asString());
        List<String> ids = new java.util.ArrayList<>();
        longer.path("conversation_service").path("log").forEach(row -> ids.add(row.path("id").asText()));
        assertThat(ids).hasSize(logged + 1100).doesNotHaveDuplicates();

        // only the tenant's owners and admins, only for its own contacts
        for (String token : List.of(TestTokens.staff("agent", flow.tenant), TestTokens.platformAdmin(),
                TestTokens.staff("owner", otherTenant))) {
            given().auth().oauth2(token).get("/clientes/" + flow.tenant + "/contacts/" + contact + "/export")
                    .then().statusCode(403);
        }
        given().auth().oauth2(TestTokens.staff("owner", otherTenant))
                .get("/clientes/" + otherTenant + "/contacts/" + contact + "/export").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.staff("owner", flow.tenant))
                .get("/clientes/" + flow.tenant + "/contacts/not-a-uuid/export").then().statusCode(400);

        // a part missing is no export: integrations-service down answers 503, nothing half-given
        wiremock.stubFor(post(urlPathMatching("/integrations/internal/contacts/.*/export"))
                .willReturn(aResponse().withStatus(503)));
        given().auth().oauth2(TestTokens.staff("owner", flow.tenant))
                .get("/clientes/" + flow.tenant + "/contacts/" + contact + "/export").then().statusCode(503)
                .contentType("application/problem+json").body("type", equalTo("urn:liora:problem:export-unavailable"));
    }

    @Test
    void anErasureLeavesNothingOfThePersonFinishesWhenIntegrationsReturnsAndIsNotUndoneByLateRetries()
            throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        stubTheOtherServices();
        Person ana = Person.fresh("Ana");
        Person beto = Person.fresh("Beto");
        long sentAt = Webhooks.now();
        String first = say(flow, ana, ana.text(), sentAt);
        say(flow, ana, "quiero hablar con una persona", sentAt);
        say(flow, beto, beto.text(), sentAt);
        String replyWamid = Webhooks.wamid();
        String status = Webhooks.status(replyWamid, "delivered", ana.phone());
        Webhooks.deliver(Webhooks.body(flow.number, "", "", status)).then().statusCode(200);
        String contact = contactOf(flow, ana);
        assertThat(TestDb.tablesHolding(flow.tenant, ana.phone())).isNotEmpty();

        // integrations-service is down when the erasure starts
        wiremock.stubFor(post(urlPathMatching("/integrations/internal/contacts/.*/erasure"))
                .willReturn(aResponse().withStatus(503)));
        String owner = TestTokens.staff("owner", flow.tenant);
        String location = given().auth().oauth2(owner).delete("/clientes/" + flow.tenant + "/contacts/" + contact)
                .then().statusCode(202).body("status", equalTo("running"))
                .header("Location", containsString("/clientes/" + flow.tenant + "/erasures/")).extract().header("Location");
        String erasure = location.substring(location.lastIndexOf('/') + 1);
        location = java.net.URI.create(location).getPath();
        VertxContextSupport.subscribeAndAwait(() -> worker.round());
        given().auth().oauth2(owner).get(location).then().statusCode(200).body("status", equalTo("running"))
                .body("attempts", equalTo(1)).body("integrations_service_erased_at", equalTo(null));
        // this service's part is done at once: only the erasure's own note of what integrations still needs
        for (String trace : List.of(ana.phone(), ana.bsuid())) {
            assertThat(TestDb.tablesHolding(flow.tenant, trace)).as(trace).containsExactly("erasures");
        }
        assertThat(TestDb.tablesHolding(flow.tenant, ana.name())).isEmpty();
        assertThat(TestDb.tablesHolding(flow.tenant, ana.text())).isEmpty();

        // it comes back: the next attempt finishes the erasure
        wiremock.stubFor(post(urlPathMatching("/integrations/internal/contacts/.*/erasure")).willReturn(okJson(
                "{\"messages_redacted\":2,\"messages_cancelled\":0,\"opt_outs_removed\":0}")));
        TestDb.update(flow.tenant, "update erasures set next_attempt_at = now() where id = ?::uuid", erasure);
        VertxContextSupport.subscribeAndAwait(() -> worker.round());
        given().auth().oauth2(owner).get(location).then().statusCode(200).body("status", equalTo("done"))
                .body("contact_id", equalTo(contact));
        for (String trace : List.of(ana.phone(), ana.bsuid(), ana.name(), ana.text(), first)) {
            assertThat(TestDb.tablesHolding(flow.tenant, trace)).as(trace).isEmpty();
        }
        assertThat(TestDb.tablesHolding(flow.tenant, beto.text())).as("another contact's data stays").isNotEmpty();
        LoggedRequest erased = wiremock.findAll(postRequestedFor(urlPathEqualTo(
                "/integrations/internal/contacts/" + contact + "/erasure"))).get(1);
        JsonNode identifiers = JSON.readTree(erased.getBodyAsString());
        assertThat(identifiers.path("phones").get(0).asText()).isEqualTo(ana.phone());
        assertThat(identifiers.path("bsuids").get(0).asText()).isEqualTo(ana.bsuid());
        List<String> audited = wiremock.findAll(postRequestedFor(urlPathEqualTo("/tenant/internal/audit"))).stream()
                .map(r -> {
                    assertThat(r.getBodyAsString()).doesNotContain(ana.phone());
                    return JSON.convertValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(
                            r.getBodyAsString().replaceAll(".*\"action\":\"([^\"]+)\".*", "$1")), String.class);
                }).toList();
        assertThat(audited).containsExactly("contact.erasure_requested", "contact.erased");

        // Meta retries the old webhooks: they are dropped, nothing comes back
        flow.deliver(Webhooks.contactWithBsuid(ana.phone(), ana.bsuid(), ana.name()),
                Webhooks.text(first, ana.phone(), sentAt, ana.text()));
        Webhooks.deliver(Webhooks.body(flow.number, "", "", status)).then().statusCode(200);
        for (String trace : List.of(ana.phone(), ana.bsuid(), ana.name(), ana.text())) {
            assertThat(TestDb.tablesHolding(flow.tenant, trace)).as(trace).isEmpty();
        }
        // asked again: the same erasure
        given().auth().oauth2(owner).delete("/clientes/" + flow.tenant + "/contacts/" + contact).then()
                .statusCode(202).body("id", equalTo(erasure)).body("status", equalTo("done"));

        // the customer reads our old answer days later: that status is dropped too
        String lateRead = "{\"id\":\"" + replyWamid + "\",\"status\":\"read\",\"timestamp\":\""
                + (Webhooks.now() + 60) + "\",\"recipient_id\":\"" + ana.phone() + "\"}";
        Webhooks.deliver(Webhooks.body(flow.number, "", "", lateRead)).then().statusCode(200);
        assertThat(TestDb.tablesHolding(flow.tenant, ana.phone())).isEmpty();

        // the person writes again later: a new conversation, under a new contact, whose statuses count
        say(flow, ana, "hola de nuevo", Webhooks.now() + 2);
        assertThat(contactOf(flow, ana)).isNotEqualTo(contact);
        String newReply = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(flow.number, "", "", "{\"id\":\"" + newReply + "\",\"status\":\"delivered\","
                + "\"timestamp\":\"" + (Webhooks.now() + 120) + "\",\"recipient_id\":\"" + ana.phone() + "\"}"))
                .then().statusCode(200);
        assertThat(TestDb.query(flow.tenant, "select count(*) as n from pending_statuses where wamid = ?", newReply)
                .get(0)).containsEntry("n", 1L);
    }

    @Test
    void aStatusStoredWhileTheErasureRunsIsErasedToo() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        stubTheOtherServices();
        Person ana = Person.fresh("Ana");
        say(flow, ana, ana.text(), Webhooks.now());
        String contact = contactOf(flow, ana);
        // a status webhook's transaction checked the tombstones (none yet) and inserted, not yet committed
        try (java.sql.Connection webhook = TestDb.begin(flow.tenant)) {
            TestDb.update(webhook, "insert into pending_statuses (id, cliente_id, wamid, status, item) "
                    + "values (gen_random_uuid(), ?, ?, 'delivered', cast(? as jsonb))", flow.tenant, Webhooks.wamid(),
                    "{\"recipient_id\":\"" + ana.phone() + "\"}");
            java.util.concurrent.CompletableFuture<Integer> erasing = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> given().auth().oauth2(TestTokens.staff("owner", flow.tenant))
                            .delete("/clientes/" + flow.tenant + "/contacts/" + contact).then().extract().statusCode());
            Thread.sleep(500);
            assertThat(erasing).as("the erasure waits for the webhook's transaction").isNotDone();
            webhook.commit();
            assertThat(erasing.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(202);
        }
        assertThat(TestDb.tablesHolding(flow.tenant, ana.phone())).containsExactly("erasures");
    }

    @Test
    void anErasureByAnOlderIdOfAMergedContactTakesThePersonWhole() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        stubTheOtherServices();
        wiremock.stubFor(post(urlPathMatching("/integrations/internal/contacts/.*/erasure")).willReturn(okJson(
                "{\"messages_redacted\":0,\"messages_cancelled\":0,\"opt_outs_removed\":0}")));
        Person ana = Person.fresh("Ana");
        flow.deliver(Webhooks.contact(ana.phone(), ana.name()),
                Webhooks.text(Webhooks.wamid(), ana.phone(), Webhooks.now() - 20, ana.text()));
        flow.deliver(Webhooks.usernameContact(ana.bsuid(), "ana.borrar", ana.name()),
                Webhooks.textFromUser(Webhooks.wamid(), ana.bsuid(), Webhooks.now() - 10, "vida sana"));
        say(flow, ana, "reciclaje", Webhooks.now()); // both identifiers at once: the two contacts become one
        List<String> merged = TestDb.query(flow.tenant, "select id from contacts where merged_into is not null").stream()
                .map(row -> row.get("id").toString()).toList();
        assertThat(merged).hasSize(1);

        given().auth().oauth2(TestTokens.staff("owner", flow.tenant))
                .delete("/clientes/" + flow.tenant + "/contacts/" + merged.get(0)).then().statusCode(202);
        VertxContextSupport.subscribeAndAwait(() -> worker.round());
        for (String trace : List.of(ana.phone(), ana.bsuid(), ana.name(), ana.text(), "ana.borrar")) {
            assertThat(TestDb.tablesHolding(flow.tenant, trace)).as(trace).isEmpty();
        }
        assertThat(TestDb.query(flow.tenant, "select count(*) as n from contacts").get(0)).containsEntry("n", 0L);
    }

    @Test
    void onlyTheTenantsOwnersAndAdminsEraseAndReadErasuresOfTheirTenant() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        stubTheOtherServices();
        Person ana = Person.fresh("Ana");
        say(flow, ana, "hola", Webhooks.now());
        String contact = contactOf(flow, ana);
        UUID other = UUID.randomUUID();
        for (String token : List.of(TestTokens.staff("agent", flow.tenant), TestTokens.platformAdmin(),
                TestTokens.staff("owner", other))) {
            given().auth().oauth2(token).delete("/clientes/" + flow.tenant + "/contacts/" + contact).then()
                    .statusCode(403);
        }
        given().auth().oauth2(TestTokens.staff("owner", other)).delete("/clientes/" + other + "/contacts/" + contact)
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(TestDb.tablesHolding(flow.tenant, ana.phone())).contains("contacts");
        String location = given().auth().oauth2(TestTokens.staff("admin", flow.tenant))
                .delete("/clientes/" + flow.tenant + "/contacts/" + contact).then().statusCode(202)
                .extract().header("Location");
        location = java.net.URI.create(location).getPath();
        given().auth().oauth2(TestTokens.staff("owner", other))
                .get(location.replace(flow.tenant.toString(), other.toString())).then().statusCode(404);
        given().auth().oauth2(TestTokens.staff("agent", flow.tenant)).get(location).then().statusCode(403);
    }
}
