package io.liora.tenant.waba;

import io.liora.common.security.Roles;
import io.liora.common.security.Scopes;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Routes for Liora's own services ({@code rol=service}); never exposed outside the cluster. */
@Path("/internal")
@Tag(name = "internal", description = "Service-to-service routes")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class InternalWabaResource {

    private final WabaService wabas;

    public InternalWabaResource(WabaService wabas) {
        this.wabas = wabas;
    }

    @GET
    @Path("/waba/by-phone-number/{phoneNumberId}")
    @RolesAllowed(Scopes.WABA_LOOKUP)
    @Operation(operationId = "findNumberOwner", summary = "Which tenant owns a phone number (webhook routing)")
    @APIResponse(responseCode = "404", description = "No tenant has the number")
    @APIResponseSchema(value = WabaDtos.NumberOwner.class, responseCode = "200", responseDescription = "OK")
    public Uni<WabaDtos.NumberOwner> owner(
            @PathParam("phoneNumberId") @Pattern(regexp = WabaDtos.META_ID) String phoneNumberId) {
        return wabas.owner(phoneNumberId);
    }

    @GET
    @Path("/clientes/{clienteId}/waba/{phoneNumberId}/credentials")
    @RequiresTenant
    @RolesAllowed(Scopes.WABA_CREDENTIALS)
    @Operation(operationId = "getWabaCredentials", summary = "The decrypted credentials of a tenant's number (sender)")
    @APIResponse(responseCode = "404", description = "No such number in this tenant")
    @APIResponseSchema(value = WabaDtos.WabaCredentials.class, responseCode = "200", responseDescription = "OK")
    public Uni<WabaDtos.WabaCredentials> credentials(@PathParam("clienteId") UUID clienteId,
            @PathParam("phoneNumberId") @Pattern(regexp = WabaDtos.META_ID) String phoneNumberId) {
        return wabas.credentials(clienteId, phoneNumberId);
    }

    @POST
    @Path("/clientes/{clienteId}/waba/{phoneNumberId}/needs-reauth")
    @RequiresTenant
    @RolesAllowed(Scopes.WABA_CREDENTIALS)
    @Operation(operationId = "markWabaNeedsReauth", summary = "Meta rejected the token (error 190): ask the tenant to rotate it")
    @APIResponse(responseCode = "204", description = "Marked")
    @APIResponse(responseCode = "404", description = "No such number in this tenant")
    public Uni<Response> needsReauth(@PathParam("clienteId") UUID clienteId,
            @PathParam("phoneNumberId") @Pattern(regexp = WabaDtos.META_ID) String phoneNumberId) {
        return wabas.markNeedsReauth(clienteId, phoneNumberId).map(waba -> Response.noContent().build());
    }

    @POST
    @Path("/admin/waba/re-encrypt")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "reEncryptWabaTokens", summary = "Re-encrypt every stored token with the primary key")
    @APIResponseSchema(value = WabaDtos.ReEncrypted.class, responseCode = "200", responseDescription = "OK")
    public Uni<WabaDtos.ReEncrypted> reEncrypt() {
        return wabas.reEncryptAll();
    }
}
