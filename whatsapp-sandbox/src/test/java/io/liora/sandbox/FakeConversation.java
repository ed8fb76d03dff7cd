package io.liora.sandbox;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** WireMock in conversation-service's place, to see the webhooks the sandbox sends. */
public class FakeConversation implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of("quarkus.rest-client.conversation.url", server.baseUrl());
    }

    @Override
    public void stop() {
        server.stop();
    }

    /** Applies the resource to every test of the module. */
    @QuarkusTestResource(FakeConversation.class)
    public static class Everywhere {
    }
}
