package io.liora.integrations.templates;

import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.security.Roles;
import io.liora.common.security.Scopes;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's message templates: what reaches a customer after the 24-hour window. */
@Path("/clientes/{clienteId}/templates")
@RequiresTenant
@Tag(name = "templates", description = "WhatsApp message templates, submitted to Meta and kept current")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    private final TemplateService templates;
    private final JsonWebToken jwt;

    public TemplateResource(TemplateService templates, JsonWebToken jwt) {
        this.templates = templates;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "createTemplate", summary = "Submit a template to Meta; it is PENDING until Meta decides")
    @APIResponseSchema(value = TemplateDtos.TemplateView.class, responseCode = "201", responseDescription = "Submitted")
    @APIResponse(responseCode = "409", description = "A template of that name and language exists on the account")
    @APIResponse(responseCode = "422", description = "Meta refused it (its words in the problem)")
    @APIResponse(responseCode = "502", description = "Meta did not answer; kept as PENDING")
    public Uni<Response> create(@PathParam("clienteId") UUID clienteId,
            @Valid @NotNull TemplateDtos.TemplateCreate request) {
        return templates.create(clienteId, "usuario:" + jwt.getSubject(), request)
                .map(created -> Response.status(201).entity(TemplateDtos.TemplateView.of(created)).build());
    }

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN, Roles.AGENT, Scopes.TEMPLATES_READ})
    @Operation(operationId = "listTemplates", summary = "The tenant's templates by name; filter by Meta's status")
    @APIResponseSchema(value = TemplateDtos.TemplatePage.class, responseCode = "200", responseDescription = "A page")
    public Uni<Page<TemplateDtos.TemplateView>> list(@PathParam("clienteId") UUID clienteId,
            @QueryParam("status") @Pattern(regexp = "^[A-Z_]{1,30}$", message = "one of Meta's statuses, e.g. APPROVED")
            String status, @Valid @BeanParam PageRequest page) {
        return templates.list(clienteId, status, page).map(p -> p.map(TemplateDtos.TemplateView::of));
    }

    @GET
    @Path("/{templateId}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN, Roles.AGENT})
    @Operation(operationId = "getTemplate", summary = "One template, with Meta's status, reason and quality")
    @APIResponseSchema(value = TemplateDtos.TemplateView.class, responseCode = "200", responseDescription = "The template")
    @APIResponse(responseCode = "404", description = "No such template in this tenant")
    public Uni<TemplateDtos.TemplateView> show(@PathParam("clienteId") UUID clienteId,
            @PathParam("templateId") UUID templateId) {
        return templates.show(clienteId, templateId).map(TemplateDtos.TemplateView::of);
    }

    @DELETE
    @Path("/{templateId}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "deleteTemplate", summary = "Delete a template at Meta and here")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such template in this tenant")
    @APIResponse(responseCode = "502", description = "Meta did not delete it; nothing was deleted")
    public Uni<Response> delete(@PathParam("clienteId") UUID clienteId, @PathParam("templateId") UUID templateId) {
        return templates.delete(clienteId, templateId).map(done -> Response.noContent().build());
    }
}
