package io.liora.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.liora.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Customers are contacts, found by whichever identifier Meta sends: a username-only customer (no
 * phone anywhere) is answered through the BSUID, and a phone that shows up later, a changed BSUID
 * or a changed number keep one conversation.
 */
@QuarkusTest
class ContactIdentityTest {

    private static final String PHONE = "56912345678";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    private FlowSupport flow;
    private String bsuid;

    @BeforeEach
    void stubs() throws Throwable {
        flow = new FlowSupport(wiremock, processor).start("{}");
        bsuid = "CL.1" + (long) (Math.random() * 1e15);
    }

    @Test
    void aUsernameOnlyMessageIsStoredAnsweredThroughItsBsuidAndContinuesWhenThePhoneArrives() throws Throwable {
        String first = Webhooks.wamid();
        flow.deliver(Webhooks.usernameContact(bsuid, "ana.compra", "Ana"),
                Webhooks.textFromUser(first, bsuid, Webhooks.now(), "buscar"));

        Map<String, Object> contact = contact(bsuid);
        assertThat(contact).containsEntry("phone", null).containsEntry("username", "ana.compra")
                .containsEntry("profile_name", "Ana");
        assertThat(TestDb.query(flow.tenant, "select status, msisdn, contact_id from inbound_messages where wamid = ?",
                first).get(0)).containsEntry("status", "done").containsEntry("msisdn", null)
                .containsEntry("contact_id", contact.get("id"));
        JsonNode reply = flow.replies().get(0);
        assertThat(reply.has("to")).as("no phone to send to").isFalse();
        assertThat(reply.path("recipient").asText()).isEqualTo(bsuid);
        assertThat(reply.path("contact_id").asText()).isEqualTo(contact.get("id").toString());
        assertThat(FlowSupport.textOf(reply)).contains("¿Qué producto buscas?");

        // later Meta brings the phone too: the same contact, and the search it started goes on
        wiremock.resetRequests();
        flow.deliver(Webhooks.contactWithBsuid(PHONE, bsuid, "Ana"),
                Webhooks.text(Webhooks.wamid(), PHONE, Webhooks.now(), "parkas"));
        JsonNode results = flow.replies().get(0);
        // only the search flow takes a bare unknown word as a search term
        assertThat(FlowSupport.textOf(results)).contains("No tenemos \"parkas\"");
        assertThat(results.path("to").asText()).as("the phone, now that it is known").isEqualTo(PHONE);
        assertThat(TestDb.query(flow.tenant, "select phone, bsuid from contacts")).containsExactly(
                Map.of("phone", PHONE, "bsuid", bsuid));
    }

    @Test
    void aPhoneOnlyAndABsuidOnlyContactBecomeOneWhenAWebhookShowsBoth() throws Throwable {
        flow.deliver(Webhooks.contact(PHONE, "Ana"), Webhooks.text(Webhooks.wamid(), PHONE, Webhooks.now() - 20, "hola"));
        flow.deliver(Webhooks.usernameContact(bsuid, "ana.compra", "Ana"),
                Webhooks.textFromUser(Webhooks.wamid(), bsuid, Webhooks.now() - 10, "vida sana"));
        assertThat(TestDb.query(flow.tenant, "select 1 from contacts where merged_into is null")).hasSize(2);

        flow.deliver(Webhooks.contactWithBsuid(PHONE, bsuid, "Ana"),
                Webhooks.text(Webhooks.wamid(), PHONE, Webhooks.now(), "reciclaje"));
        List<Map<String, Object>> live = TestDb.query(flow.tenant,
                "select id, phone, bsuid, username from contacts where merged_into is null");
        assertThat(live).hasSize(1);
        assertThat(live.get(0)).containsEntry("phone", PHONE).containsEntry("bsuid", bsuid)
                .containsEntry("username", "ana.compra");
        assertThat(TestDb.query(flow.tenant, "select count(distinct contact_id) as contacts from inbound_messages")
                .get(0)).as("every message of that person now belongs to the one contact")
                .containsEntry("contacts", 1L);
        // the log export shows the whole conversation under the contact that was kept
        String export = given().auth().oauth2(TestTokens.staff("owner", flow.tenant))
                .get("/clientes/" + flow.tenant + "/logs?direction=in&contact_id=" + live.get(0).get("id"))
                .then().statusCode(200).extract().asString();
        assertThat(export.lines().filter(line -> !line.isBlank())).hasSize(3)
                .allMatch(line -> line.contains("\"contact_id\":\"" + live.get(0).get("id") + "\"")
                        && line.contains("\"bsuid\":\"" + bsuid + "\"") && line.contains("\"username\":\"ana.compra\""));
    }

    @Test
    void aChangedBsuidKeepsOneConversation() throws Throwable {
        flow.deliver(Webhooks.contactWithBsuid(PHONE, bsuid, "Ana"),
                Webhooks.text(Webhooks.wamid(), PHONE, Webhooks.now() - 10, "buscar"));
        String newBsuid = "CL.2" + (long) (Math.random() * 1e15);
        String system = Webhooks.wamid();
        // as Meta reports it: the previous and the new BSUID, no phone and no contacts array
        flow.deliver("", "{\"id\":\"" + system + "\",\"timestamp\":\"" + (Webhooks.now() - 5) + "\",\"type\":\"system\","
                + "\"system\":{\"body\":\"User A changed\",\"type\":\"user_changed_user_id\",\"previous_user_id\":\""
                + bsuid + "\",\"user_id\":\"" + newBsuid + "\"}}");
        assertThat(flow.replies()).as("a system message is logged, never answered").hasSize(1);
        assertThat(TestDb.query(flow.tenant, "select intent, note from conversation_log where wamid = ?", system).get(0))
                .containsEntry("intent", "evento.system").containsEntry("note", "system");

        wiremock.resetRequests();
        flow.deliver(Webhooks.usernameContact(newBsuid, "ana", "Ana"),
                Webhooks.textFromUser(Webhooks.wamid(), newBsuid, Webhooks.now(), "parkas"));
        JsonNode results = flow.replies().get(0);
        assertThat(FlowSupport.textOf(results)).as("the search goes on").contains("No tenemos \"parkas\"");
        assertThat(results.path("to").asText()).isEqualTo(PHONE);
        assertThat(TestDb.query(flow.tenant, "select phone, bsuid from contacts")).containsExactly(
                Map.of("phone", PHONE, "bsuid", newBsuid));
    }

    @Test
    void aChangedNumberKeepsOneConversationAndRepliesGoToTheNewNumber() throws Throwable {
        flow.deliver(Webhooks.contactWithBsuid(PHONE, bsuid, "Ana"),
                Webhooks.text(Webhooks.wamid(), PHONE, Webhooks.now() - 10, "buscar"));
        String newPhone = "56987650000";
        String newBsuid = "CL.3" + (long) (Math.random() * 1e15);
        flow.deliver("", "{\"from\":\"" + PHONE + "\",\"id\":\"" + Webhooks.wamid() + "\",\"timestamp\":\""
                + (Webhooks.now() - 5) + "\",\"type\":\"system\",\"system\":{\"body\":\"User A changed from " + PHONE
                + " to " + newPhone + "\",\"wa_id\":\"" + newPhone + "\",\"type\":\"user_changed_number\","
                + "\"previous_user_id\":\"" + bsuid + "\",\"user_id\":\"" + newBsuid + "\"}}");
        wiremock.resetRequests();
        flow.deliver(Webhooks.contactWithBsuid(newPhone, newBsuid, "Ana"),
                Webhooks.text(Webhooks.wamid(), newPhone, Webhooks.now(), "parkas"));
        JsonNode results = flow.replies().get(0);
        // only the search flow takes a bare unknown word as a search term
        assertThat(FlowSupport.textOf(results)).contains("No tenemos \"parkas\"");
        assertThat(results.path("to").asText()).isEqualTo(newPhone);
        assertThat(TestDb.query(flow.tenant, "select phone, bsuid from contacts")).containsExactly(
                Map.of("phone", newPhone, "bsuid", newBsuid));
    }

    @Test
    void aMessageMissingEveryIdentifierIsKeptAsUnattributableCountedAndNeverAnswered() throws Throwable {
        String wamid = Webhooks.wamid();
        flow.deliver("", "{\"id\":\"" + wamid + "\",\"timestamp\":\"" + Webhooks.now()
                + "\",\"type\":\"text\",\"text\":{\"body\":\"hola\"}}");
        Map<String, Object> row = TestDb.query(flow.tenant, "select status, reason, contact_id, message->'text'->>'body'"
                + " as body from inbound_messages where wamid = ?", wamid).get(0);
        assertThat(row).containsEntry("status", "unattributable").containsEntry("contact_id", null)
                .containsEntry("body", "hola");
        assertThat((String) row.get("reason")).contains("no identifier");
        flow.round();
        assertThat(flow.replies()).isEmpty();
        io.liora.testing.Management.request().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "liora_webhook_messages_total{result=\"unattributable\"}"));
    }

    private Map<String, Object> contact(String bsuid) {
        return TestDb.query(flow.tenant, "select id, phone, username, profile_name from contacts where bsuid = ?", bsuid)
                .get(0);
    }
}
