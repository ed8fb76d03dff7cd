package io.liora.conversation.tenant;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** tenant-service: who owns a WhatsApp number. */
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Path("/internal/waba/by-phone-number/{phoneNumberId}")
public interface TenantServiceApi {

    record NumberOwner(UUID clienteId, UUID wabaAccountId, String estado, String clienteEstado, String clienteSlug,
            String plan, java.util.Map<String, Object> policy) {
    }

    @GET
    Uni<NumberOwner> owner(@PathParam("phoneNumberId") String phoneNumberId);
}
