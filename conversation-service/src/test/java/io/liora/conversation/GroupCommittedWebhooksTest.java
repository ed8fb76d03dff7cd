package io.liora.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks that arrive while a transaction commits are stored together by the next one; each is
 * answered 200 only once its rows are committed; one that PostgreSQL refuses is stored alone and
 * takes none of the others with it. A slow first delivery (a trigger sleeps on its text) holds the
 * first transaction open while the others arrive.
 */
@QuarkusTest
class GroupCommittedWebhooksTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    @Inject
    MeterRegistry registry;

    /** The pool the workers' turns use (the default datasource's). */
    @Inject
    Pool workersPool;

    private FlowSupport flow;
    private final ExecutorService clients = Executors.newFixedThreadPool(12);

    @BeforeEach
    void slowAndRefusedTexts() throws Throwable {
        flow = new FlowSupport(wiremock, processor).start("{}");
        TestDatabase.superuser("CREATE OR REPLACE FUNCTION slow_or_refused() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.message->'text'->>'body' = 'lento' THEN PERFORM pg_sleep(1.5); END IF;"
                + " IF NEW.message->'text'->>'body' = 'veneno' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '22023';"
                + " END IF; RETURN NEW; END $$");
        TestDatabase.superuser("CREATE TRIGGER slow_or_refused BEFORE INSERT ON inbound_messages FOR EACH ROW"
                + " EXECUTE FUNCTION slow_or_refused()");
    }

    @AfterEach
    void dropTrigger() {
        clients.shutdownNow();
        TestDatabase.superuser("DROP TRIGGER IF EXISTS slow_or_refused ON inbound_messages");
        TestDatabase.superuser("DROP FUNCTION IF EXISTS slow_or_refused()");
    }

    @Test
    void deliveriesArrivingDuringACommitShareTheNextTransactionAndEachIsStoredWhenAnswered() throws Exception {
        DistributionSummary transactions = registry.get("liora.webhook.transaction.deliveries").summary();
        long transactionsBefore = transactions.count();
        double deliveriesBefore = transactions.totalAmount();

        CompletableFuture<List<String>> slow = deliver(text(Webhooks.wamid(), "56900000100", "lento"));
        Thread.sleep(300); // the slow one's transaction is open now
        String first = Webhooks.wamid();
        String second = Webhooks.wamid();
        String repeated = Webhooks.wamid();
        String receipt = Webhooks.wamid();
        List<CompletableFuture<List<String>>> meanwhile = new ArrayList<>();
        // a new customer's two messages, Meta's retry of a third, a status, and two others' messages
        meanwhile.add(deliver(text(first, "56900000101", "hola")));
        meanwhile.add(deliver(text(second, "56900000101", "quiero café")));
        meanwhile.add(deliver(text(repeated, "56900000102", "hola")));
        meanwhile.add(deliver(text(repeated, "56900000102", "hola")));
        meanwhile.add(deliver(Webhooks.body(flow.number, "", "", Webhooks.status(receipt, "delivered", "56900000101"))));
        meanwhile.add(deliver(text(Webhooks.wamid(), "56900000103", "hola")));

        assertThat(slow.join()).containsExactly("pending");
        for (CompletableFuture<List<String>> delivery : meanwhile) {
            assertThat(delivery.join()).as("each 200 came after its rows were committed").isNotEmpty();
        }
        assertThat(meanwhile.get(0).join()).containsExactly("pending");
        assertThat(meanwhile.get(1).join()).containsExactly("pending");
        assertThat(meanwhile.get(2).join()).containsExactly("pending");
        assertThat(meanwhile.get(4).join()).as("the status is stored for the forwarder").containsExactly("delivered");
        assertThat(transactions.count() - transactionsBefore).as("the six stored by one transaction").isEqualTo(2);
        assertThat(transactions.totalAmount() - deliveriesBefore).isEqualTo(7);

        assertThat(TestDb.queryAcrossTenants("select 1 from inbound_messages where wamid = ?", repeated)).hasSize(1);
        assertThat(TestDb.queryAcrossTenants("select distinct contact_id from inbound_messages where wamid in (?, ?)",
                first, second)).as("one contact for the new customer's two messages").hasSize(1);
    }

    @Test
    void aWebhookIsStoredWhileTheWorkersHoldEveryConnectionOfTheirPool() throws Exception {
        int size = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.reactive.max-size", Integer.class);
        List<SqlConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                held.add(workersPool.getConnection().await().atMost(java.time.Duration.ofSeconds(5)));
            }
            String wamid = Webhooks.wamid();
            int status = CompletableFuture.supplyAsync(() -> Webhooks.deliver(Webhooks.body(flow.number, "",
                    Webhooks.text(wamid, "56912345678", Webhooks.now(), "hola"), "")).statusCode(), clients)
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(status).isEqualTo(200);
            assertThat(TestDb.query(flow.tenant, "select status from inbound_messages where wamid = ?", wamid))
                    .extracting(row -> row.get("status")).containsExactly("pending");
        } finally {
            held.forEach(connection -> connection.close().await().indefinitely());
        }
    }

    @Test
    void aRefusedDeliveryIsStoredAloneAndTheOthersOfItsTransactionStill() throws Exception {
        CompletableFuture<List<String>> slow = deliver(text(Webhooks.wamid(), "56900000200", "lento"));
        Thread.sleep(300);
        String poison = Webhooks.wamid();
        List<String> good = List.of(Webhooks.wamid(), Webhooks.wamid(), Webhooks.wamid());
        List<CompletableFuture<List<String>>> meanwhile = new ArrayList<>();
        meanwhile.add(deliver(text(good.get(0), "56900000201", "hola")));
        meanwhile.add(deliver(Webhooks.body(flow.number, Webhooks.contact("56900000202", "Ana"),
                Webhooks.text(poison, "56900000202", Webhooks.now(), "veneno") + ","
                        + Webhooks.text(good.get(1), "56900000202", Webhooks.now(), "hola"), "")));
        meanwhile.add(deliver(text(good.get(2), "56900000203", "hola")));

        assertThat(slow.join()).containsExactly("pending");
        meanwhile.forEach(CompletableFuture::join);
        for (String wamid : good) {
            assertThat(TestDb.queryAcrossTenants("select status from inbound_messages where wamid = ?", wamid))
                    .extracting(row -> row.get("status")).containsExactly("pending");
        }
        assertThat(TestDb.queryAcrossTenants("select status, reason from inbound_messages where wamid = ?", poison)
                .get(0)).containsEntry("status", "malformed").containsEntry("reason", "refused by the database: 22023");
    }

    // --- helpers --------------------------------------------------------------------------------

    private String text(String wamid, String phone, String body) {
        return Webhooks.body(flow.number, Webhooks.contact(phone, "Cliente"),
                Webhooks.text(wamid, phone, Webhooks.now(), body), "");
    }

    /**
     * Posts a delivery from a thread of its own; once it is answered 200, answers the status of
     * each of its messages (or of its statuses) as PostgreSQL holds them at that moment.
     */
    private CompletableFuture<List<String>> deliver(String body) {
        return CompletableFuture.supplyAsync(() -> {
            Webhooks.deliver(body).then().statusCode(200);
            List<String> wamids = new ArrayList<>();
            java.util.regex.Matcher ids = java.util.regex.Pattern.compile("\"id\":\"(wamid[^\"]+)\"").matcher(body);
            while (ids.find()) {
                wamids.add(ids.group(1));
            }
            List<String> statuses = new ArrayList<>();
            for (String wamid : wamids) {
                List<Map<String, Object>> messages = TestDb.queryAcrossTenants(
                        "select status from inbound_messages where wamid = ?", wamid);
                List<Map<String, Object>> receipts = TestDb.queryAcrossTenants(
                        "select status from pending_statuses where wamid = ?", wamid);
                (messages.isEmpty() ? receipts : messages).forEach(row -> statuses.add((String) row.get("status")));
            }
            return statuses.stream().distinct().toList();
        }, clients);
    }
}
