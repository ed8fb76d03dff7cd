package io.liora.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

/**
 * How the other services call tenant-service: a REST client with Quarkus' OIDC client filter,
 * which gets (and renews) a token from {@code POST /oauth/token} by itself.
 */
@QuarkusTest
@TestProfile(OidcClientFilterTest.ClientCredentials.class)
class OidcClientFilterTest {

    @RegisterRestClient(configKey = "tenant-service")
    @OidcClientFilter
    @Path("/internal")
    public interface InternalWabaClient {
        @GET
        @Path("/waba/by-phone-number/{phoneNumberId}")
        Map<String, Object> owner(@PathParam("phoneNumberId") String phoneNumberId);
    }

    /** The client needs the server's real port before start, so the profile picks a free one. */
    public static class ClientCredentials implements QuarkusTestProfile {
        private static final int PORT = freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            String base = "http://localhost:" + PORT;
            return Map.of(
                    "quarkus.http.test-port", String.valueOf(PORT),
                    "quarkus.oidc-client.auth-server-url", base,
                    "quarkus.oidc-client.discovery-enabled", "false",
                    "quarkus.oidc-client.token-path", "/oauth/token",
                    "quarkus.oidc-client.client-id", "conversation-service",
                    "quarkus.oidc-client.credentials.secret", "test-conversation-secret",
                    "quarkus.oidc-client.early-tokens-acquisition", "false",
                    "quarkus.rest-client.tenant-service.url", base);
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @RestClient
    InternalWabaClient client;

    @Test
    void aRestClientWithTheOidcClientFilterCallsAServiceRoute() {
        UUID tenant = Fixtures.tenant();
        String number = Fixtures.phoneNumberId();
        Fixtures.waba(tenant, number, "EAAG-a-real-looking-token-0002");
        assertThat(client.owner(number)).containsEntry("cliente_id", tenant.toString())
                .containsEntry("estado", "activo");
    }
}
