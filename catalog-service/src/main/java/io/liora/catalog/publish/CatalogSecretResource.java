package io.liora.catalog.publish;

import io.liora.common.security.Roles;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The secret machines sign publishes with. */
@Path("/clientes/{clienteId}/catalog/secret")
@RequiresTenant
@Tag(name = "publish")
public class CatalogSecretResource {

    private final CatalogSecretService secrets;

    public CatalogSecretResource(CatalogSecretService secrets) {
        this.secrets = secrets;
    }

    @POST
    @RolesAllowed({Roles.OWNER, Roles.ADMIN})
    @SecurityRequirement(name = "bearer")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateCatalogSecret", summary = "Create or rotate the publishing secret; shown only here, once",
            description = "The previous secret keeps working for the grace period (24 h by default).")
    @APIResponseSchema(value = CatalogSecretService.Rotation.class, responseCode = "201", responseDescription = "The new secret")
    public Uni<Response> rotate(@PathParam("clienteId") UUID clienteId) {
        return secrets.rotate(clienteId).map(rotation -> Response.status(201).entity(rotation)
                .header("Cache-Control", "no-store").build());
    }
}
