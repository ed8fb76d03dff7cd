package io.liora.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server on a free port for what a service calls outside itself (Meta, Bitly, OpenAI,
 * the other Liora services); a service's subclass says which configuration points at it. Tests get
 * the server in a field marked {@link InjectWireMock}.
 */
public abstract class WireMockTestResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    /** The configuration that points the service at {@code baseUrl}. */
    protected abstract Map<String, String> config(String baseUrl);

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return config(server.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
