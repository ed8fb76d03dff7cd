package io.liora.catalog;

import io.liora.testing.WireMockTestResource;
import java.util.Map;

/**
 * WireMock standing in for tenant-service (its token endpoint, audit trail and retention windows).
 * The background workers are off: tests run their rounds themselves.
 */
public class TenantService extends WireMockTestResource {

    @Override
    protected Map<String, String> config(String base) {
        return Map.of(
                "quarkus.rest-client.tenant-service.url", base + "/tenant",
                "quarkus.oidc-client.auth-server-url", base + "/tenant",
                "quarkus.oidc-client.credentials.secret", "test-catalog-secret",
                "liora.catalog.workers-enabled", "false");
    }
}
