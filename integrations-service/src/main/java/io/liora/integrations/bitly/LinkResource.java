package io.liora.integrations.bitly;

import io.liora.common.security.Scopes;
import io.liora.common.tenant.RequiresTenant;
import io.liora.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/links/shorten")
@RequiresTenant
@RolesAllowed(Scopes.LINKS_SHORTEN)
@Tag(name = "links", description = "Tracked, shortened product links")
@SecurityRequirement(name = "bearer")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LinkResource {

    private final LinkService links;
    private final TenantContext tenant;

    public LinkResource(LinkService links, TenantContext tenant) {
        this.links = links;
        this.tenant = tenant;
    }

    @POST
    @Operation(operationId = "shortenLink", summary = "Add UTM parameters and shorten with Bitly (long URL if it cannot)")
    @APIResponseSchema(value = LinkDtos.ShortenResult.class, responseCode = "200", responseDescription = "The link")
    public Uni<LinkDtos.ShortenResult> shorten(@Valid @NotNull LinkDtos.ShortenRequest request) {
        return links.shorten(tenant.clienteId(), request);
    }

    @POST
    @Path("/batch")
    @Operation(operationId = "shortenLinks", summary = "The same for up to 10 URLs, answered in order")
    @APIResponseSchema(value = LinkDtos.BatchResult.class, responseCode = "200", responseDescription = "The links")
    public Uni<LinkDtos.BatchResult> shortenAll(@Valid @NotNull LinkDtos.BatchRequest request) {
        return links.shortenAll(tenant.clienteId(), request.links());
    }
}
