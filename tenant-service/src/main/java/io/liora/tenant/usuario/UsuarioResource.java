package io.liora.tenant.usuario;

import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.tenant.Caller;
import io.liora.common.security.Roles;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/clientes/{clienteId}/usuarios")
@RequiresTenant
@Tag(name = "usuarios", description = "A tenant's staff users and their contexts")
@SecurityRequirement(name = "bearer")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UsuarioResource {

    private final UsuarioService usuarios;
    private final JsonWebToken caller;

    public UsuarioResource(UsuarioService usuarios, JsonWebToken caller) {
        this.usuarios = usuarios;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "createUsuario", summary = "Invite a staff user (and create its empty context)")
    @APIResponseSchema(value = UsuarioDtos.UsuarioView.class, responseCode = "201", responseDescription = "Created")
    @APIResponse(responseCode = "404", description = "No such tenant")
    @APIResponse(responseCode = "409", description = "The e-mail is taken")
    public Uni<Response> create(@PathParam("clienteId") UUID clienteId, @Valid @NotNull UsuarioDtos.UsuarioCreate in) {
        return usuarios.create(clienteId, rol(), in).map(usuario -> Response
                .created(URI.create("/clientes/" + clienteId + "/usuarios/" + usuario.id))
                .entity(UsuarioDtos.UsuarioView.of(usuario)).build());
    }

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "listUsuarios", summary = "List the tenant's users, oldest first")
    @APIResponseSchema(value = UsuarioDtos.UsuarioPage.class, responseCode = "200", responseDescription = "OK")
    public Uni<Page<UsuarioDtos.UsuarioView>> list(@PathParam("clienteId") UUID clienteId,
            @Valid @BeanParam PageRequest page) {
        return usuarios.list(clienteId, page).map(p -> p.map(UsuarioDtos.UsuarioView::of));
    }

    @GET
    @Path("/{usuarioId}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN, Roles.AGENT})
    @Operation(operationId = "getUsuario", summary = "Read a user (agents: only themselves)")
    @APIResponse(responseCode = "404", description = "No such user in this tenant")
    @APIResponseSchema(value = UsuarioDtos.UsuarioView.class, responseCode = "200", responseDescription = "OK")
    public Uni<UsuarioDtos.UsuarioView> get(@PathParam("clienteId") UUID clienteId,
            @PathParam("usuarioId") UUID usuarioId) {
        StaffPolicy.requireMayReadUser(rol(), caller.getSubject(), usuarioId);
        return usuarios.get(clienteId, usuarioId).map(UsuarioDtos.UsuarioView::of);
    }

    @PATCH
    @Path("/{usuarioId}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "updateUsuario", summary = "Change a user's name, role, estado or password")
    @APIResponse(responseCode = "404", description = "No such user in this tenant")
    @APIResponse(responseCode = "409", description = "The tenant would be left without an active owner")
    @APIResponseSchema(value = UsuarioDtos.UsuarioView.class, responseCode = "200", responseDescription = "OK")
    public Uni<UsuarioDtos.UsuarioView> update(@PathParam("clienteId") UUID clienteId,
            @PathParam("usuarioId") UUID usuarioId, @Valid @NotNull UsuarioDtos.UsuarioPatch patch) {
        return usuarios.update(clienteId, usuarioId, rol(), patch).map(UsuarioDtos.UsuarioView::of);
    }

    @DELETE
    @Path("/{usuarioId}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "deleteUsuario", summary = "Remove a user and its context")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such user in this tenant")
    @APIResponse(responseCode = "409", description = "The tenant would be left without an active owner")
    public Uni<Response> delete(@PathParam("clienteId") UUID clienteId, @PathParam("usuarioId") UUID usuarioId) {
        return usuarios.delete(clienteId, usuarioId, rol()).map(done -> Response.noContent().build());
    }

    @GET
    @Path("/{usuarioId}/context")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN, Roles.AGENT})
    @Operation(operationId = "getUserContext", summary = "Read a user's context (agents: only their own)")
    @APIResponse(responseCode = "404", description = "No such user in this tenant")
    @APIResponseSchema(value = UsuarioDtos.ContextView.class, responseCode = "200", responseDescription = "OK")
    public Uni<UsuarioDtos.ContextView> context(@PathParam("clienteId") UUID clienteId,
            @PathParam("usuarioId") UUID usuarioId) {
        StaffPolicy.requireMayReadUser(rol(), caller.getSubject(), usuarioId);
        return usuarios.context(clienteId, usuarioId).map(UsuarioDtos.ContextView::of);
    }

    @PUT
    @Path("/{usuarioId}/context")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN, Roles.AGENT})
    @Operation(operationId = "replaceUserContext", summary = "Replace a user's context (agents: only their own)")
    @APIResponse(responseCode = "404", description = "No such user in this tenant")
    @APIResponseSchema(value = UsuarioDtos.ContextView.class, responseCode = "200", responseDescription = "OK")
    public Uni<UsuarioDtos.ContextView> replaceContext(@PathParam("clienteId") UUID clienteId,
            @PathParam("usuarioId") UUID usuarioId, @Valid @NotNull UsuarioDtos.ContextBody body) {
        StaffPolicy.requireMayReadUser(rol(), caller.getSubject(), usuarioId);
        return usuarios.replaceContext(clienteId, usuarioId, body).map(UsuarioDtos.ContextView::of);
    }

    private String rol() {
        return Caller.of(caller).rol();
    }
}
