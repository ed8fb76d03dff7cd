package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A turn is recorded in one statement on the state it loaded, unless someone changed that state
 * while the turn was in flight: then the turn is applied to the state as it is now, and what the
 * other writer did stays.
 */
@QuarkusTest
class TurnRecordTest {

    private static final String CONTACT = "56933334444";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    private FlowSupport flow;

    @BeforeEach
    void stubs() throws Throwable {
        flow = new FlowSupport(wiremock, processor).start("{}");
    }

    @Test
    void aPersonWhoTakesTheConversationDuringATurnKeepsIt() throws Throwable {
        say("hola");
        flow.round();
        assertThat(state()).containsEntry("handoff", "bot");

        // the next turn's reply waits at integrations-service while a person takes the conversation
        wiremock.stubFor(post(QueuedReplies.BATCH).willReturn(QueuedReplies.accepted().withFixedDelay(1500)));
        int repliesBefore = flow.replies().size();
        String wamid = say("¿Tienen catálogo?");
        CompletableFuture<Void> turn = CompletableFuture.runAsync(() -> {
            try {
                flow.round();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.currentTimeMillis() + 10_000;
        while (flow.replies().size() == repliesBefore) {
            assertThat(System.currentTimeMillis()).as("the turn reached integrations-service").isLessThan(deadline);
            Thread.sleep(20);
        }
        UUID agent = UUID.randomUUID();
        assertThat(TestDb.update(flow.tenant, "update convo_state set handoff = 'agent', assigned_agent = ?, "
                + "assigned_at = now() where cliente_id = ?", agent, flow.tenant)).isEqualTo(1);
        turn.get(20, TimeUnit.SECONDS);

        Map<String, Object> state = state();
        assertThat(state).containsEntry("handoff", "agent").containsEntry("assigned_agent", agent);
        // and the turn is recorded too: where the conversation went, the log, the message done
        assertThat(state.get("last_intent")).isNotNull().isNotEqualTo("greeting");
        assertThat(TestDb.query(flow.tenant, "select status from inbound_messages where wamid = ?", wamid))
                .containsExactly(Map.of("status", "done"));
        List<Map<String, Object>> logs = TestDb.query(flow.tenant, "select l.direction from conversation_log l "
                + "join inbound_messages m on m.id = l.inbound_message_id where m.wamid = ? order by l.seq", wamid);
        assertThat(logs).extracting(row -> row.get("direction")).containsExactly("in", "out");
    }

    @Test
    void aTurnOnAnUnchangedStateIsRecordedWithItsLog() throws Throwable {
        String first = say("hola");
        flow.round();
        String second = say("reciclaje");
        flow.round();

        Map<String, Object> state = state();
        assertThat(state).containsEntry("handoff", "bot").containsEntry("flow", "reciclaje");
        assertThat(TestDb.query(flow.tenant, "select l.direction, m.wamid, l.text from conversation_log l "
                + "join inbound_messages m on m.id = l.inbound_message_id where l.cliente_id = ? order by l.seq",
                flow.tenant))
                .extracting(row -> row.get("wamid") + ":" + row.get("direction"))
                .containsExactly(first + ":in", first + ":out", second + ":in", second + ":out");
        assertThat(TestDb.query(flow.tenant, "select count(*) as n from inbound_messages where status = 'pending'"))
                .containsExactly(Map.of("n", 0L));
    }

    private Map<String, Object> state() {
        List<Map<String, Object>> rows = TestDb.query(flow.tenant, "select handoff, assigned_agent, last_intent, flow "
                + "from convo_state where cliente_id = ?", flow.tenant);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private String say(String text) {
        String wamid = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(flow.number, Webhooks.contact(CONTACT, "Marta"),
                Webhooks.text(wamid, CONTACT, Webhooks.now(), text), "")).then().statusCode(200);
        return wamid;
    }
}
