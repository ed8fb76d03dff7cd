package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.testing.InjectWireMock;
import io.liora.testing.TestDb;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the worker on, as in production (the timed round a minute away): a customer's message that
 * is their only pending one is stored already claimed by the webhook's transaction and answered by
 * this replica when it commits, without a round; a message whose contact has another one pending is
 * left to the rounds, which are woken when that turn is over, so it follows at once, in order.
 */
@QuarkusTest
@TestProfile(BackgroundWorkerTest.WorkerOn.class)
class ImmediateTurnsTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    MeterRegistry registry;

    UUID tenant;
    String number;

    @BeforeEach
    void stubs() {
        wiremock.resetAll();
        Webhooks.tenantService(wiremock);
        tenant = UUID.randomUUID();
        number = Webhooks.newNumber();
        Webhooks.number(wiremock, number, tenant, "activo");
        QueuedReplies.accept(wiremock);
        wiremock.stubFor(post("/integrations/nlp/classify").willReturn(okJson(
                "{\"intent\":\"none\",\"confidence\":0,\"source\":\"disabled\"}")));
    }

    @Test
    void aMessageIsClaimedByTheTransactionThatStoresItAndAnsweredWithoutARound() throws InterruptedException {
        double before = immediateTurns();
        String wamid = Webhooks.wamid();
        Webhooks.deliver(Webhooks.body(number, "", Webhooks.text(wamid, "56912345678", Webhooks.now(), "hola"), ""))
                .then().statusCode(200);

        // claimed before the answer: no round could have taken it (it was not visible to one)
        Map<String, Object> stored = message(wamid);
        assertThat(stored).containsEntry("attempts", 1);
        assertThat("done".equals(stored.get("status")) || stored.get("claimed_until") != null)
                .as(stored.toString()).isTrue();
        awaitReplies(1);
        awaitDone(wamid);
        assertThat(message(wamid)).containsEntry("attempts", 1);
        assertThat(immediateTurnsSince(before)).isEqualTo(1.0);
    }

    @Test
    void oneDeliveryForTwoTenantsClaimsAndAnswersEachInItsOwnTenant() throws InterruptedException {
        UUID other = UUID.randomUUID();
        String otherNumber = Webhooks.newNumber();
        Webhooks.number(wiremock, otherNumber, other, "activo");
        String mine = Webhooks.wamid();
        String theirs = Webhooks.wamid();
        String first = Webhooks.body(number, "", Webhooks.text(mine, "56912345671", Webhooks.now(), "hola"), "");
        String second = Webhooks.body(otherNumber, "", Webhooks.text(theirs, "56912345672", Webhooks.now(), "hola"), "");
        // both numbers' entries in one delivery, as Meta may send a business account's
        String both = "{\"object\":\"whatsapp_business_account\",\"entry\":[" + entry(first) + "," + entry(second)
                + "]}";
        Webhooks.deliver(both).then().statusCode(200);

        // both claimed by the one transaction that stored them, each answered as its own tenant's
        assertThat(message(mine)).containsEntry("attempts", 1);
        assertThat(message(other, theirs)).containsEntry("attempts", 1);
        awaitReplies(2);
        awaitDone(mine);
        awaitDone(other, theirs);
        // each tenant sees its own message and log only
        assertThat(TestDb.query(tenant, "select wamid from inbound_messages where wamid in (?, ?)", mine, theirs))
                .extracting(row -> row.get("wamid")).containsExactly(mine);
        assertThat(TestDb.query(other, "select count(*) as n from conversation_log where cliente_id = ?", tenant))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("n", 0L));
        assertThat(TestDb.query(other, "select count(*) as n from conversation_log where cliente_id = ?", other))
                .singleElement().satisfies(row -> assertThat(((Number) row.get("n")).longValue()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void aContactsSecondMessageIsLeftToTheRoundsAndAnsweredRightAfterTheFirst() throws InterruptedException {
        double before = immediateTurns();
        String first = Webhooks.wamid();
        String second = Webhooks.wamid();
        long now = Webhooks.now();
        Webhooks.deliver(Webhooks.body(number, "", Webhooks.text(first, "56912345679", now - 1, "hola") + ","
                + Webhooks.text(second, "56912345679", now, "gracias"), "")).then().statusCode(200);

        assertThat(message(first)).containsEntry("attempts", 1);
        // the timed round is a minute away: only the wake after the first turn answers the second now
        List<JsonNode> replies = awaitReplies(2);
        assertThat(replies.get(0).path("idempotency_key").asText()).startsWith(first + ":");
        assertThat(replies.get(replies.size() - 1).path("idempotency_key").asText()).startsWith(second + ":");
        awaitDone(second);
        assertThat(immediateTurnsSince(before)).as("the second by a round").isEqualTo(1.0);
    }

    /** The one entry of a delivery made by {@link Webhooks#body}. */
    private static String entry(String body) {
        return body.substring(body.indexOf('[') + 1, body.length() - 2);
    }

    private Map<String, Object> message(String wamid) {
        return message(tenant, wamid);
    }

    private static Map<String, Object> message(UUID tenant, String wamid) {
        return TestDb.query(tenant, "select status, attempts, claimed_until from inbound_messages where wamid = ?",
                wamid).get(0);
    }

    /** Waits for the message's turn to be recorded (its reply is queued just before). */
    private void awaitDone(String wamid) throws InterruptedException {
        awaitDone(tenant, wamid);
    }

    private static void awaitDone(UUID tenant, String wamid) throws InterruptedException {
        for (int i = 0; i < 50 && !"done".equals(message(tenant, wamid).get("status")); i++) {
            Thread.sleep(100);
        }
        assertThat(message(tenant, wamid)).containsEntry("status", "done");
    }

    /** The replies queued so far, once there are at least {@code count} (5 s at most). */
    private List<JsonNode> awaitReplies(int count) throws InterruptedException {
        for (int i = 0; i < 50 && QueuedReplies.all(wiremock).size() < count; i++) {
            Thread.sleep(100);
        }
        List<JsonNode> replies = QueuedReplies.all(wiremock);
        assertThat(replies).hasSizeGreaterThanOrEqualTo(count);
        return replies;
    }

    /** The immediate turns counted since {@code before}, once the last one's count has landed. */
    private double immediateTurnsSince(double before) throws InterruptedException {
        for (int i = 0; i < 20 && immediateTurns() == before; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(100);
        return immediateTurns() - before;
    }

    private double immediateTurns() {
        Counter counter = registry.find("liora.inbox.immediate.turns").counter();
        return counter == null ? 0 : counter.count();
    }
}
