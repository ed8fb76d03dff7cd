package io.liora.integrations.whatsapp;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** tenant-service's routes for services, called with a client-credentials token. */
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Path("/internal/clientes/{clienteId}/waba/{phoneNumberId}")
public interface TenantServiceApi {

    /** The decrypted credentials of a tenant's number, and its WhatsApp Business Account (wabaId). */
    record Credentials(UUID clienteId, String phoneNumberId, String accessToken, String estado, String wabaId) {
        @Override
        public String toString() {
            return "Credentials[phoneNumberId=" + phoneNumberId + ", estado=" + estado + "]";
        }
    }

    @GET
    @Path("/credentials")
    Uni<Credentials> credentials(@PathParam("clienteId") UUID clienteId, @PathParam("phoneNumberId") String phoneNumberId);

    @POST
    @Path("/needs-reauth")
    Uni<Void> markNeedsReauth(@PathParam("clienteId") UUID clienteId, @PathParam("phoneNumberId") String phoneNumberId);
}
