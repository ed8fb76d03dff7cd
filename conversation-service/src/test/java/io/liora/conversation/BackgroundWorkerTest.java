package io.liora.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liora.testing.InjectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With the worker on, as in production: a webhook's message is answered without anyone driving the
 * worker (the timed round is a minute away here): claimed as it is stored ({@link ImmediateTurnsTest}),
 * or by a round the database's notification of the insert wakes.
 */
@QuarkusTest
@TestProfile(BackgroundWorkerTest.WorkerOn.class)
class BackgroundWorkerTest {

    public static class WorkerOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liora.inbox.worker-enabled", "true", "liora.inbox.poll-interval", "PT60S");
        }
    }

    @InjectWireMock
    WireMockServer wiremock;

    @Test
    void aWebhookIsAnsweredWithoutAnyoneDrivingTheWorker() throws InterruptedException {
        wiremock.resetAll();
        Webhooks.tenantService(wiremock);
        UUID tenant = UUID.randomUUID();
        String number = "155555555555555";
        Webhooks.number(wiremock, number, tenant, "activo");
        QueuedReplies.accept(wiremock);
        wiremock.stubFor(post("/integrations/nlp/classify").willReturn(okJson(
                "{\"intent\":\"none\",\"confidence\":0,\"source\":\"disabled\"}")));
        Webhooks.deliver(Webhooks.body(number, "", Webhooks.text(Webhooks.wamid(), "56912345678", Webhooks.now(),
                "hola"), "")).then().statusCode(200);
        for (int i = 0; i < 50 && QueuedReplies.all(wiremock).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(QueuedReplies.all(wiremock)).hasSize(1);
    }
}
