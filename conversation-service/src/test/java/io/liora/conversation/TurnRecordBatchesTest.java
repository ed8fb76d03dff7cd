package io.liora.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant's turns that are claimed together are loaded together; those that finish while one of
 * its records commits share the next transaction; one
 * record PostgreSQL refuses fails only its own turn (tried again in seconds), the others of its
 * transaction are recorded on their own. A slow record (a trigger sleeps on the log of "lento")
 * holds the first transaction open while the others finish.
 */
@QuarkusTest
class TurnRecordBatchesTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    @Inject
    MeterRegistry registry;

    private FlowSupport flow;

    @BeforeEach
    void slowAndRefusedLogs() throws Throwable {
        flow = new FlowSupport(wiremock, processor).start("{}");
        TestDatabase.superuser("CREATE OR REPLACE FUNCTION slow_or_refused_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.direction = 'in' AND NEW.text = 'lento' THEN PERFORM pg_sleep(2); END IF;"
                + " IF NEW.direction = 'in' AND NEW.text = 'veneno' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '22023';"
                + " END IF; RETURN NEW; END $$");
        TestDatabase.superuser("CREATE TRIGGER slow_or_refused_log BEFORE INSERT ON conversation_log FOR EACH ROW"
                + " EXECUTE FUNCTION slow_or_refused_log()");
    }

    @AfterEach
    void dropTrigger() throws Exception {
        // the refused message would be answered by a later test's round, once its retry is due
        TestDb.update(flow.tenant, "update inbound_messages set status = 'failed' where status = 'pending'");
        TestDatabase.superuser("DROP TRIGGER IF EXISTS slow_or_refused_log ON conversation_log");
        TestDatabase.superuser("DROP FUNCTION IF EXISTS slow_or_refused_log()");
    }

    @Test
    void turnsFinishingDuringARecordShareTheNextTransactionAndARefusedOneFailsAlone() throws Exception {
        DistributionSummary turns = registry.find("liora.turns.transaction.turns").summary();
        long transactionsBefore = turns == null ? 0 : turns.count();
        double turnsBefore = turns == null ? 0 : turns.totalAmount();
        String slow = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(flow.number, "", Webhooks.text(slow, "56970000000", Webhooks.now(), "lento"), ""))
                .then().statusCode(200);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                flow.round();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500); // the slow turn's record is committing

        List<String> good = new ArrayList<>();
        StringBuilder messages = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            String wamid = Webhooks.wamid();
            good.add(wamid);
            messages.append(Webhooks.text(wamid, "5697000000" + i, Webhooks.now(), "hola")).append(',');
        }
        String poisoned = Webhooks.wamid();
        messages.append(Webhooks.text(poisoned, "56970000009", Webhooks.now(), "veneno"));
        Webhooks.deliver(Webhooks.body(flow.number, "", messages.toString(), "")).then().statusCode(200);
        try {
            flow.round();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        first.get(10, TimeUnit.SECONDS);

        for (String wamid : good) {
            assertThat(TestDb.query(flow.tenant, "select status from inbound_messages where wamid = ?", wamid).get(0))
                    .containsEntry("status", "done");
            assertThat(TestDb.query(flow.tenant, "select count(*) as n from conversation_log l join inbound_messages m"
                    + " on m.id = l.inbound_message_id where m.wamid = ?", wamid).get(0))
                    .as("the message and its reply logged").containsEntry("n", 2L);
        }
        assertThat(TestDb.query(flow.tenant, "select status from inbound_messages where wamid = ?", slow).get(0))
                .containsEntry("status", "done");
        assertThat(TestDb.query(flow.tenant, "select status, attempts from inbound_messages where wamid = ?", poisoned)
                .get(0)).containsEntry("status", "pending").containsEntry("attempts", 1);
        assertThat(TestDb.query(flow.tenant, "select count(*) as n from conversation_log l join inbound_messages m"
                + " on m.id = l.inbound_message_id where m.wamid = ?", poisoned).get(0)).containsEntry("n", 0L);
        // the slow turn alone, then the six that finished meanwhile together (refused for one of them,
        // so recorded each alone: the statuses above)
        turns = registry.find("liora.turns.transaction.turns").summary();
        assertThat(turns.count() - transactionsBefore).isEqualTo(2);
        assertThat(turns.totalAmount() - turnsBefore).isEqualTo(7.0);
    }

    @Test
    void aRoundsTurnsOfOneTenantAreLoadedTogether() throws Throwable {
        DistributionSummary loads = registry.find("liora.turns.load.turns").summary();
        long transactionsBefore = loads == null ? 0 : loads.count();
        double turnsBefore = loads == null ? 0 : loads.totalAmount();
        List<String> wamids = new ArrayList<>();
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            String wamid = Webhooks.wamid();
            wamids.add(wamid);
            messages.append(i == 0 ? "" : ",").append(Webhooks.text(wamid, "569710000" + (10 + i), Webhooks.now(), "hola"));
        }
        Webhooks.deliver(Webhooks.body(flow.number, "", messages.toString(), "")).then().statusCode(200);
        flow.round();

        for (String wamid : wamids) {
            assertThat(TestDb.query(flow.tenant, "select status from inbound_messages where wamid = ?", wamid).get(0))
                    .containsEntry("status", "done");
        }
        assertThat(flow.replies()).hasSize(10);
        loads = registry.find("liora.turns.load.turns").summary();
        assertThat(loads.totalAmount() - turnsBefore).isEqualTo(10.0);
        assertThat(loads.count() - transactionsBefore).as("ten turns claimed at once, loaded in fewer transactions")
                .isLessThan(10);
    }
}
