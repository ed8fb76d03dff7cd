package io.liora.tenant.cliente;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/clientes")
@Tag(name = "clientes", description = "Tenants")
@SecurityRequirement(name = "bearer")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ClienteResource {

    private final ClienteService clientes;

    public ClienteResource(ClienteService clientes) {
        this.clientes = clientes;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "createCliente", summary = "Create a tenant (platform admin)")
    @APIResponseSchema(value = ClienteDtos.ClienteView.class, responseCode = "201", responseDescription = "Created")
    @APIResponse(responseCode = "409", description = "The slug is taken")
    public Uni<Response> create(@Valid @NotNull ClienteDtos.ClienteCreate in) {
        return clientes.create(in).map(cliente -> Response.created(URI.create("/clientes/" + cliente.id))
                .entity(ClienteDtos.ClienteView.of(cliente)).build());
    }

    @GET
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "listClientes", summary = "List tenants, oldest first (platform admin)")
    @APIResponseSchema(value = ClienteDtos.ClientePage.class, responseCode = "200", responseDescription = "OK")
    public Uni<Page<ClienteDtos.ClienteView>> list(@Valid @BeanParam PageRequest page) {
        return clientes.list(page).map(p -> p.map(ClienteDtos.ClienteView::of));
    }

    @GET
    @Path("/{clienteId}")
    @RequiresTenant
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "getCliente", summary = "Read a tenant (platform admin, or its owner or admin)")
    @APIResponse(responseCode = "404", description = "No such tenant")
    @APIResponseSchema(value = ClienteDtos.ClienteView.class, responseCode = "200", responseDescription = "OK")
    public Uni<ClienteDtos.ClienteView> get(@PathParam("clienteId") UUID clienteId) {
        return clientes.get(clienteId).map(ClienteDtos.ClienteView::of);
    }

    @GET
    @Path("/{clienteId}/policy")
    @RequiresTenant
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "getTenantPolicy", summary = "How the tenant's bot behaves (empty: the plan's defaults)")
    @APIResponseSchema(value = TenantPolicy.class, responseCode = "200", responseDescription = "The policy")
    public Uni<Map<String, Object>> policy(@PathParam("clienteId") UUID clienteId) {
        return clientes.get(clienteId).map(cliente -> cliente.policy);
    }

    @PUT
    @Path("/{clienteId}/policy")
    @RequiresTenant
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "replaceTenantPolicy", summary = "Replace the bot's policy: skills, texts, backoff, reply cap")
    @APIResponseSchema(value = TenantPolicy.class, responseCode = "200", responseDescription = "The policy")
    public Uni<Map<String, Object>> replacePolicy(@PathParam("clienteId") UUID clienteId,
            @Valid @NotNull TenantPolicy policy) {
        return clientes.replacePolicy(clienteId, POLICY.convertValue(policy, POLICY_MAP)).map(cliente -> cliente.policy);
    }

    /** Stored as the API shows it: snake_case, absent fields left out. */
    private static final ObjectMapper POLICY = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final TypeReference<Map<String, Object>> POLICY_MAP = new TypeReference<>() {
    };

    @PATCH
    @Path("/{clienteId}")
    @RequiresTenant
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "updateCliente", summary = "Change a tenant's name, plan or estado (suspend/reactivate)")
    @APIResponse(responseCode = "404", description = "No such tenant")
    @APIResponseSchema(value = ClienteDtos.ClienteView.class, responseCode = "200", responseDescription = "OK")
    public Uni<ClienteDtos.ClienteView> update(@PathParam("clienteId") UUID clienteId,
            @Valid @NotNull ClienteDtos.ClientePatch patch) {
        return clientes.update(clienteId, patch).map(ClienteDtos.ClienteView::of);
    }
}
