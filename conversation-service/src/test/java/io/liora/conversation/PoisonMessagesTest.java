package io.liora.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.liora.testing.TestPostgres;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A correctly signed delivery with a bad message beside a good one, as a hostile sender would send
 * it: the delivery is acknowledged, the good message stored and answered, the bad one kept with
 * the reason and never blocking anything, on the first try (not after Meta's retries run out).
 */
@QuarkusTest
class PoisonMessagesTest {

    private static final String PHONE = "56912345678";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    private FlowSupport flow;
    private String good;

    @BeforeEach
    void stubs() throws Throwable {
        flow = new FlowSupport(wiremock, processor).start("{}");
        good = Webhooks.wamid();
    }

    @Test
    void aMessageWithoutAnIdIsKeptAsMalformed() throws Throwable {
        String poison = "{\"from\":\"" + PHONE + "\",\"timestamp\":\"" + Webhooks.now()
                + "\",\"type\":\"text\",\"text\":{\"body\":\"sin id\"}}";
        deliverBesideTheGoodOne(poison);
        assertThat(TestDb.queryAcrossTenants("select reason from inbound_messages where status = 'malformed'"
                + " and phone_number_id = ? and original like '%sin id%'", flow.number))
                .extracting(row -> row.get("reason")).containsExactly("the message has no id");
        // Meta's retry of the same delivery stores nothing twice
        deliverBesideTheGoodOne(poison);
        assertThat(TestDb.queryAcrossTenants("select 1 from inbound_messages where status = 'malformed'"
                + " and phone_number_id = ?", flow.number)).hasSize(1);
    }

    @Test
    void messagesAsAnObjectAndEntryAsAnObjectAreKeptAsMalformed() throws Throwable {
        String objectMessages = "{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\""
                + flow.number + "\"},\"messages\":{\"from\":\"" + PHONE + "\",\"id\":\"" + Webhooks.wamid()
                + "\",\"type\":\"text\",\"text\":{\"body\":\"objeto\"}}},\"field\":\"messages\"}";
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":["
                + objectMessages + "," + goodChange() + "]}]}";
        Webhooks.deliver(body).then().statusCode(200);
        assertGoodOneAnswered();
        assertThat(TestDb.queryAcrossTenants("select reason from inbound_messages where status = 'malformed'"
                + " and phone_number_id = ?", flow.number)).extracting(row -> row.get("reason"))
                .containsExactly("messages is not a list");

        String entryObject = "{\"object\":\"whatsapp_business_account\",\"entry\":{\"id\":\"1\",\"changes\":[]}}";
        Webhooks.deliver(entryObject).then().statusCode(200);
        assertThat(TestDb.queryAcrossTenants("select 1 from inbound_messages where status = 'malformed' and reason = ?"
                + " and original = ?", "entry is not a list", "{\"id\":\"1\",\"changes\":[]}")).isNotEmpty();
    }

    @Test
    void aNulCharacterInATextOrAProfileNameIsStoredAnsweredAndKeptAsSent() throws Throwable {
        String wamid = Webhooks.wamid();
        deliverBesideTheGoodOne(Webhooks.text(wamid, "56900000001", Webhooks.now(), "ho\\u0000la"),
                "{\"profile\":{\"name\":\"A\\u0000na\"},\"wa_id\":\"56900000001\"}");
        Map<String, Object> row = TestDb.query(flow.tenant, "select status, profile_name, message->'text'->>'body' as body,"
                + " original, anomalies from inbound_messages where wamid = ?", wamid).get(0);
        assertThat(row).containsEntry("status", "done").containsEntry("profile_name", "A\uFFFDna")
                .containsEntry("body", "ho\uFFFDla");
        assertThat((String) row.get("original")).as("as Meta sent it").contains("ho\\u0000la").contains("A\\u0000na");
        assertThat((String) row.get("anomalies")).contains("U+FFFD");
        assertThat(flow.replies()).extracting(r -> r.path("idempotency_key").asText()).contains(wamid + ":0");
    }

    @Test
    void aLoneSurrogateIsStoredLikeANul() throws Throwable {
        String wamid = Webhooks.wamid();
        deliverBesideTheGoodOne(Webhooks.text(wamid, "56900000002", Webhooks.now(), "caf\\ud800e"));
        assertThat(TestDb.query(flow.tenant, "select message->'text'->>'body' as body from inbound_messages"
                + " where wamid = ?", wamid).get(0)).containsEntry("body", "caf\uFFFDe");
    }

    @Test
    void aProfileNameOver255CharactersIsCutAndKeptWhole() throws Throwable {
        String wamid = Webhooks.wamid();
        String name = "N".repeat(300);
        deliverBesideTheGoodOne(Webhooks.text(wamid, "56900000003", Webhooks.now(), "hola"),
                Webhooks.contact("56900000003", name));
        Map<String, Object> row = TestDb.query(flow.tenant, "select status, length(profile_name) as length, original,"
                + " anomalies from inbound_messages where wamid = ?", wamid).get(0);
        assertThat(row).containsEntry("status", "done").containsEntry("length", 255);
        assertThat((String) row.get("original")).contains(name);
        assertThat((String) row.get("anomalies")).contains("profile.name over 255");
    }

    @Test
    void aFromOrTypeOver30CharactersIsKeptAndTheMessageHandledOnItsOwnTerms() throws Throwable {
        String longFrom = Webhooks.wamid();
        String longType = Webhooks.wamid();
        deliverBesideTheGoodOne(Webhooks.text(longFrom, "5".repeat(40), Webhooks.now(), "hola") + ","
                + "{\"from\":\"56900000004\",\"id\":\"" + longType + "\",\"timestamp\":\"" + Webhooks.now()
                + "\",\"type\":\"" + "t".repeat(40) + "\"}");
        assertThat(TestDb.queryAcrossTenants("select status, anomalies from inbound_messages where wamid = ?", longFrom).get(0))
                .containsEntry("status", "unattributable");
        assertThat(TestDb.query(flow.tenant, "select status, message_type from inbound_messages where wamid = ?",
                longType).get(0)).containsEntry("status", "done").containsEntry("message_type", "unknown");
        JsonNode unsupported = flow.replies().stream()
                .filter(r -> r.path("idempotency_key").asText().equals(longType + ":0")).findFirst().orElseThrow();
        assertThat(FlowSupport.textOf(unsupported)).contains("No pude ver ese mensaje");
    }

    @Test
    void aWamidOver255CharactersIsKeptAsMalformed() throws Throwable {
        deliverBesideTheGoodOne(Webhooks.text("wamid." + "x".repeat(300), PHONE, Webhooks.now(), "hola"));
        assertThat(TestDb.queryAcrossTenants("select reason from inbound_messages where status = 'malformed'"
                + " and phone_number_id = ?", flow.number)).extracting(row -> row.get("reason"))
                .allMatch(reason -> ((String) reason).contains("over 255"));
    }

    @Test
    void aPhoneNumberIdOver100CharactersIsKeptAsMalformedWithoutAskingTenantService() throws Throwable {
        String longNumber = "9".repeat(150);
        String poisonChange = "{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\""
                + longNumber + "\"},\"messages\":[" + Webhooks.text(Webhooks.wamid(), PHONE, Webhooks.now(), "hola")
                + "]},\"field\":\"messages\"}";
        Webhooks.deliver("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":["
                + poisonChange + "," + goodChange() + "]}]}").then().statusCode(200);
        assertGoodOneAnswered();
        assertThat(TestDb.queryAcrossTenants("select reason from inbound_messages where phone_number_id = ?",
                "9".repeat(100))).extracting(row -> row.get("reason"))
                .containsExactly("metadata.phone_number_id is not Meta's numeric id");
        wiremock.verify(0, WireMock.getRequestedFor(WireMock.urlPathMatching("/tenant/internal/waba/by-phone-number/9+")));
    }

    @Test
    void aTimestampOutOfRangeIsReplacedByTheTimeOfReceipt() throws Throwable {
        String wamid = Webhooks.wamid();
        deliverBesideTheGoodOne("{\"from\":\"56900000005\",\"id\":\"" + wamid + "\",\"timestamp\":\"1000000000000000000\","
                + "\"type\":\"text\",\"text\":{\"body\":\"hola\"}}");
        Map<String, Object> row = TestDb.query(flow.tenant, "select status, abs(extract(epoch from sent_at - now())) as skew,"
                + " anomalies from inbound_messages where wamid = ?", wamid).get(0);
        assertThat(row).containsEntry("status", "done");
        assertThat(((Number) row.get("skew")).doubleValue()).isLessThan(60);
        assertThat((String) row.get("anomalies")).contains("timestamp");
    }

    @Test
    void theSameWamidForTwoTenantsNumbersIsStoredAndAnsweredForBoth() throws Throwable {
        UUID otherTenant = UUID.randomUUID();
        String otherNumber = Webhooks.newNumber();
        Webhooks.number(wiremock, otherNumber, otherTenant, "activo");
        String shared = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(flow.number, "", Webhooks.text(shared, PHONE, Webhooks.now(), "hola"), ""))
                .then().statusCode(200);
        Webhooks.deliver(Webhooks.body(otherNumber, "", Webhooks.text(shared, PHONE, Webhooks.now(), "hola"), ""))
                .then().statusCode(200);
        flow.round();
        assertThat(TestDb.query(flow.tenant, "select status from inbound_messages where wamid = ?", shared))
                .extracting(row -> row.get("status")).containsExactly("done");
        assertThat(TestDb.query(otherTenant, "select status from inbound_messages where wamid = ?", shared))
                .extracting(row -> row.get("status")).containsExactly("done");
        assertThat(QueuedReplies.batches(wiremock))
                .extracting(r -> r.getHeader("X-Client-ID")).contains(flow.tenant.toString(), otherTenant.toString());
    }

    @Test
    void aMessagePostgresRefusesForAReasonNoCheckForesawIsKeptAsMalformedAndTheOthersStored() throws Throwable {
        // stands for any refusal the reading did not foresee: a trigger that refuses one text
        TestPostgres postgres = TestPostgres.server();
        String database = database();
        postgres.asSuperuser(database, "CREATE FUNCTION refuse_veneno() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.message->'text'->>'body' = 'veneno' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '22023';"
                + " END IF; RETURN NEW; END $$");
        postgres.asSuperuser(database, "CREATE TRIGGER refuse_veneno BEFORE INSERT ON inbound_messages FOR EACH ROW"
                + " EXECUTE FUNCTION refuse_veneno()");
        String poison = Webhooks.wamid();
        try {
            deliverBesideTheGoodOne(Webhooks.text(poison, "56900000006", Webhooks.now(), "veneno"));
        } finally {
            postgres.asSuperuser(database, "DROP TRIGGER refuse_veneno ON inbound_messages");
            postgres.asSuperuser(database, "DROP FUNCTION refuse_veneno()");
        }
        assertThat(TestDb.queryAcrossTenants("select status, reason, original from inbound_messages where wamid = ?",
                poison).get(0)).containsEntry("status", "malformed")
                .containsEntry("reason", "refused by the database: 22023");
    }

    // --- helpers --------------------------------------------------------------------------------

    private static String database() {
        String jdbcUrl = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class);
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }

    private void deliverBesideTheGoodOne(String poisonMessages) throws Throwable {
        deliverBesideTheGoodOne(poisonMessages, "");
    }

    /** The poison first, then a good message of another contact, in one change of one delivery. */
    private void deliverBesideTheGoodOne(String poisonMessages, String poisonContacts) throws Throwable {
        String contacts = poisonContacts.isEmpty() ? Webhooks.contact(PHONE, "Ana")
                : poisonContacts + "," + Webhooks.contact(PHONE, "Ana");
        Webhooks.deliver(Webhooks.body(flow.number, contacts, poisonMessages + ","
                + Webhooks.text(good, PHONE, Webhooks.now(), "hola"), "")).then().statusCode(200);
        assertGoodOneAnswered();
    }

    private String goodChange() {
        return "{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"" + flow.number
                + "\"},\"contacts\":[" + Webhooks.contact(PHONE, "Ana") + "],\"messages\":["
                + Webhooks.text(good, PHONE, Webhooks.now(), "hola") + "]},\"field\":\"messages\"}";
    }

    private void assertGoodOneAnswered() throws Throwable {
        flow.round();
        flow.round();
        assertThat(TestDb.query(flow.tenant, "select status from inbound_messages where wamid = ?", good))
                .extracting(row -> row.get("status")).containsExactly("done");
        List<String> keys = flow.replies().stream().map(r -> r.path("idempotency_key").asText()).toList();
        assertThat(keys).contains(good + ":0");
    }
}
