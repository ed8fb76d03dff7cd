package io.liora.conversation.handoff;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * tenant-service's staff users, asked with the caller's own token (an owner or admin may read
 * its tenant's users; nobody else's): whom a conversation may be given to.
 */
@RegisterRestClient(configKey = "tenant-service")
@Path("/clientes/{clienteId}/usuarios/{usuarioId}")
public interface StaffDirectory {

    /** A staff user as tenant-service shows it; {@code estado} is {@code activo} while the user may work. */
    record StaffUser(UUID id, UUID clienteId, String email, String nombre, String rol, String estado) {
    }

    @GET
    Uni<StaffUser> user(@HeaderParam("Authorization") String bearer, @PathParam("clienteId") UUID clienteId,
            @PathParam("usuarioId") UUID usuarioId);
}
