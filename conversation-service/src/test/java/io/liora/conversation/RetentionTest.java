package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.conversation.privacy.Retention;
import io.liora.conversation.processing.InboxProcessor;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The tenant's retention window removes exactly what is older, and nothing of another tenant. */
@QuarkusTest
class RetentionTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    InboxProcessor processor;

    @Inject
    Retention retention;

    @Inject
    MeterRegistry metrics;

    private static String say(FlowSupport flow, String phone, String text) throws Throwable {
        String wamid = Webhooks.wamid();
        flow.deliver(Webhooks.contact(phone, "Cliente " + phone), Webhooks.text(wamid, phone, Webhooks.now(), text));
        return wamid;
    }

    /** Makes everything a message brought (its row, its log rows) look {@code days} old. */
    private static void age(UUID tenant, String wamid, int days) throws Exception {
        String interval = days + " days";
        TestDb.update(tenant, "update inbound_messages set created_at = now() - ?::interval where wamid = ?", interval, wamid);
        TestDb.update(tenant, "update conversation_log set created_at = now() - ?::interval where inbound_message_id = "
                + "(select id from inbound_messages where wamid = ?)", interval, wamid);
    }

    private double removed(String table) {
        var counter = metrics.find("liora.retention.removed").tag("table", table).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void messagesAndLogsOlderThanTheWindowGoAndTheRestStays() throws Throwable {
        FlowSupport flow = new FlowSupport(wiremock, processor).start("{}");
        String oldText = "texto viejo " + UUID.randomUUID();
        String recentText = "texto reciente " + UUID.randomUUID();
        String old = say(flow, "56911110001", oldText);
        String recent = say(flow, "56911110002", recentText);
        age(flow.tenant, old, 31);
        age(flow.tenant, recent, 29);
        UUID otherTenant = UUID.randomUUID();
        wiremock.stubFor(get("/tenant/internal/retention").willReturn(okJson("[{\"cliente_id\":\"" + flow.tenant
                + "\",\"retention_days\":30},{\"cliente_id\":\"" + otherTenant + "\",\"retention_days\":1}]")));
        double logBefore = removed("conversation_log");

        VertxContextSupport.subscribeAndAwait(() -> retention.run());

        Map<String, Object> redacted = TestDb.query(flow.tenant, "select cast(message as text) as message, msisdn, "
                + "profile_name, redacted_at is not null as redacted, wamid, contact_id from inbound_messages where wamid = ?",
                old).get(0);
        assertThat(redacted).containsEntry("redacted", true).containsEntry("msisdn", null)
                .containsEntry("profile_name", null).containsEntry("wamid", old);
        assertThat(redacted.get("message").toString()).doesNotContain(oldText).contains("text");
        assertThat(redacted.get("contact_id")).as("kept: it deduplicates Meta's retries").isNotNull();
        assertThat(TestDb.query(flow.tenant, "select count(*) as n from conversation_log where created_at < now() - interval '30 days'")
                .get(0)).containsEntry("n", 0L);
        assertThat(TestDb.tablesHolding(flow.tenant, oldText)).isEmpty();

        Map<String, Object> kept = TestDb.query(flow.tenant, "select cast(message as text) as message, msisdn, "
                + "redacted_at is null as intact from inbound_messages where wamid = ?", recent).get(0);
        assertThat(kept).containsEntry("intact", true).containsEntry("msisdn", "56911110002");
        assertThat(kept.get("message").toString()).contains(recentText);
        assertThat(TestDb.tablesHolding(flow.tenant, recentText)).contains("inbound_messages", "conversation_log");
        assertThat(removed("conversation_log") - logBefore).isGreaterThanOrEqualTo(2); // the message and its answer

        // Meta's late retry of the redacted message is still a duplicate: no second answer
        wiremock.resetRequests();
        flow.deliver(Webhooks.contact("56911110001", "Cliente"), Webhooks.text(old, "56911110001", Webhooks.now(), oldText));
        assertThat(flow.replies()).isEmpty();
        List<Map<String, Object>> rows = TestDb.query(flow.tenant, "select id from inbound_messages where wamid = ?", old);
        assertThat(rows).hasSize(1);
    }
}
