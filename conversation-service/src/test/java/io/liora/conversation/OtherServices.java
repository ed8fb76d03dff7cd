package io.liora.conversation;

import io.liora.testing.WireMockTestResource;
import java.util.Map;

/** WireMock standing in for tenant-, catalog- and integrations-service at their documented contracts. */
public class OtherServices extends WireMockTestResource {

    @Override
    protected Map<String, String> config(String base) {
        return Map.of(
                "quarkus.rest-client.tenant-service.url", base + "/tenant",
                "quarkus.oidc-client.auth-server-url", base + "/tenant",
                "quarkus.oidc-client.credentials.secret", "test-conversation-secret",
                "liora.tenants.cache-ttl", "PT0S",
                "quarkus.rest-client.catalog-service.url", base + "/catalog",
                "quarkus.rest-client.integrations-service.url", base + "/integrations",
                "liora.inbox.worker-enabled", "false");
    }
}
