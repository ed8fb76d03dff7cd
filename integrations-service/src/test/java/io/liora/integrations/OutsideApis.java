package io.liora.integrations;

import io.liora.testing.WireMockTestResource;
import java.util.Map;

/**
 * One WireMock server on a free port standing in for everything outside this service: Meta's
 * Graph API, Bitly, OpenAI and tenant-service (token endpoint and internal routes). Tests stub what they
 * need.
 * The sender's timer is off: tests run its rounds themselves.
 */
public class OutsideApis extends WireMockTestResource {

    @Override
    protected Map<String, String> config(String base) {
        return Map.ofEntries(
                Map.entry("quarkus.rest-client.graph.url", base + "/graph"),
                Map.entry("quarkus.rest-client.tenant-service.url", base + "/tenant"),
                Map.entry("quarkus.oidc-client.auth-server-url", base + "/tenant"),
                Map.entry("quarkus.oidc-client.credentials.secret", "test-integrations-secret"),
                Map.entry("liora.whatsapp.sender-enabled", "false"),
                Map.entry("quarkus.rest-client.bitly.url", base + "/bitly"),
                Map.entry("liora.bitly.token", "test-bitly-token"),
                Map.entry("quarkus.rest-client.openai.url", base + "/openai"),
                Map.entry("liora.nlp.api-key", "test-openai-key"),
                Map.entry("liora.nlp.daily-cap", "3"),
                Map.entry("liora.whatsapp.backoff-base", "PT0.01S"),
                Map.entry("liora.whatsapp.backoff-cap", "PT0.05S"),
                Map.entry("liora.whatsapp.max-attempts", "3"),
                Map.entry("liora.whatsapp.ceilings.\"100000000000005\"", "5"),
                Map.entry("liora.whatsapp.ceilings.\"100000000000008\"", "8"));
    }
}
