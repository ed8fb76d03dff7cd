package io.liora.tenant.waba;

import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.security.Roles;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/clientes/{clienteId}/waba")
@RequiresTenant
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
@Tag(name = "waba", description = "A tenant's WhatsApp Business Accounts")
@SecurityRequirement(name = "bearer")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WabaResource {

    private final WabaService wabas;

    public WabaResource(WabaService wabas) {
        this.wabas = wabas;
    }

    @POST
    @Operation(operationId = "registerWaba", summary = "Register a WhatsApp number; the token is stored encrypted")
    @APIResponseSchema(value = WabaDtos.WabaView.class, responseCode = "201", responseDescription = "Registered")
    @APIResponse(responseCode = "404", description = "No such tenant")
    @APIResponse(responseCode = "409", description = "The number belongs to a tenant already")
    public Uni<Response> register(@PathParam("clienteId") UUID clienteId, @Valid @NotNull WabaDtos.WabaCreate in) {
        return wabas.register(clienteId, in).map(waba -> Response
                .created(URI.create("/clientes/" + clienteId + "/waba/" + waba.id))
                .entity(WabaDtos.WabaView.of(waba)).build());
    }

    @GET
    @Operation(operationId = "listWabas", summary = "List the tenant's numbers")
    @APIResponseSchema(value = WabaDtos.WabaPage.class, responseCode = "200", responseDescription = "OK")
    public Uni<Page<WabaDtos.WabaView>> list(@PathParam("clienteId") UUID clienteId,
            @Valid @BeanParam PageRequest page) {
        return wabas.list(clienteId, page).map(p -> p.map(WabaDtos.WabaView::of));
    }

    @PATCH
    @Path("/{wabaAccountId}")
    @Operation(operationId = "updateWaba", summary = "Rotate the token, change its expiry, or enable/disable the number")
    @APIResponse(responseCode = "404", description = "No such WABA in this tenant")
    @APIResponseSchema(value = WabaDtos.WabaView.class, responseCode = "200", responseDescription = "OK")
    public Uni<WabaDtos.WabaView> update(@PathParam("clienteId") UUID clienteId,
            @PathParam("wabaAccountId") UUID wabaAccountId, @Valid @NotNull WabaDtos.WabaPatch patch) {
        return wabas.update(clienteId, wabaAccountId, patch).map(WabaDtos.WabaView::of);
    }
}
