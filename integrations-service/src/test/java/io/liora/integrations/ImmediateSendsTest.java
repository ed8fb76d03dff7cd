package io.liora.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.liora.testing.TestDb;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With the sender on, as in production: a reply that can go at once is claimed by the transaction
 * that queues it and sent when it commits, without a round of the sender; one that cannot (its
 * recipient's earlier message still queued, the number's bucket empty, the tenant paused) stays
 * queued for the rounds, and still reaches Meta in order.
 */
@QuarkusTest
@TestProfile(BackgroundSenderTest.SenderOn.class)
class ImmediateSendsTest extends OutboxTestSupport {

    /** A number whose ceiling is two messages a second (the profile says so). */
    static final String SLOW_NUMBER = "100000000000077";

    @Inject
    MeterRegistry registry;

    @Test
    void aReplyIsClaimedByTheCallThatQueuesItAndSentWithoutARound() throws Throwable {
        graphAnswers(okJson(sent("wamid.HBgL{{randomValue length=12 type='ALPHANUMERIC'}}"))
                .withTransformers("response-template"));
        double before = immediateSends();
        String id = send(text("now:1", "hola")).then().statusCode(202).extract().path("id");

        // claimed before the answer: no round could have taken it (it was not visible to one)
        Map<String, Object> row = claim(id);
        assertThat(row).containsEntry("attempts", 1);
        assertThat(row.get("status").equals("sent") || row.get("claimed_until") != null).as(row.toString()).isTrue();
        awaitSent(id);
        assertThat(immediateSendsSince(before)).isEqualTo(1.0);
    }

    @Test
    void aRecipientsSecondReplyWaitsForItsFirstAndFollowsIt() throws Throwable {
        graphAnswers(okJson(sent("wamid.HBgL{{randomValue length=12 type='ALPHANUMERIC'}}"))
                .withTransformers("response-template"));
        double before = immediateSends();
        List<String> ids = sendAll(List.of(text("two:0", "primero"), text("two:1", "segundo")))
                .then().statusCode(200).extract().path("results.id");

        assertThat(claim(ids.get(0))).containsEntry("attempts", 1);
        awaitSent(ids.get(0));
        awaitSent(ids.get(1));
        List<String> bodies = wiremock.findAll(postRequestedFor(urlEqualTo("/graph/v21.0/" + number + "/messages")))
                .stream().map(r -> r.getBodyAsString()).toList();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0)).contains("primero");
        assertThat(bodies.get(1)).contains("segundo");
        assertThat(immediateSendsSince(before)).as("the second by a round, after the first").isEqualTo(1.0);
    }

    @Test
    void theNumbersCeilingHoldsForRepliesSentAtOnce() throws Throwable {
        number = SLOW_NUMBER;
        credentials("activo");
        graphAnswers(okJson(sent("wamid.HBgL{{randomValue length=12 type='ALPHANUMERIC'}}"))
                .withTransformers("response-template"));
        Thread.sleep(1100); // the bucket full again, whatever an earlier run left in it
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> message = new HashMap<>(text("slow:" + UUID.randomUUID(), "hola"));
            message.put("to", "5699000000" + i); // five recipients: only the bucket holds them back
            batch.add(message);
        }
        List<String> ids = sendAll(batch).then().statusCode(200).extract().path("results.id");

        long claimed = ids.stream().filter(id -> ((Integer) claim(id).get("attempts")) > 0).count();
        assertThat(claimed).as("a bucket of two").isEqualTo(2);
        for (String id : ids) {
            awaitSent(id); // the rest by the rounds, as the bucket refills
        }
    }

    @Test
    void aPausedTenantsReplyIsNotSentAtOnce() throws Throwable {
        graphAnswers(okJson(sent("wamid.HBgL{{randomValue length=12 type='ALPHANUMERIC'}}"))
                .withTransformers("response-template"));
        TestDb.update(tenant, "insert into sending_pauses (id, cliente_id, reason, check_after)"
                + " values (?, ?, 'token expired', now() + interval '1 hour')", UUID.randomUUID(), tenant);
        String id = send(text("paused:1", "hola")).then().statusCode(202).extract().path("id");

        Thread.sleep(700); // more than a round's interval
        assertThat(claim(id)).containsEntry("attempts", 0).containsEntry("status", "queued");
        assertThat(wiremock.findAll(postRequestedFor(urlEqualTo("/graph/v21.0/" + number + "/messages")))).isEmpty();
    }

    private Map<String, Object> claim(String id) {
        return TestDb.query(tenant, "select status, attempts, claimed_until from outbound_messages where id = ?",
                UUID.fromString(id)).get(0);
    }

    /** Waits for the sender's own rounds (nothing drives them here). */
    private void awaitSent(String id) throws InterruptedException {
        for (int i = 0; i < 60 && !"sent".equals(row(id).get("status")); i++) {
            Thread.sleep(100);
        }
        assertThat(row(id)).containsEntry("status", "sent");
    }

    /** The immediate sends counted since {@code before}, once the last one's count has landed. */
    private double immediateSendsSince(double before) throws InterruptedException {
        for (int i = 0; i < 20 && immediateSends() == before; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(100);
        return immediateSends() - before;
    }

    private double immediateSends() {
        Counter counter = registry.find("liora.whatsapp.immediate.sends").counter();
        return counter == null ? 0 : counter.count();
    }

    private io.restassured.response.Response sendAll(List<Map<String, Object>> messages) {
        return asService().contentType("application/json").body(Map.of("messages", messages)).post("/messages/batch");
    }
}
