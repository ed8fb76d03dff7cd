package io.liora.catalog.snapshot;

import io.liora.catalog.ingest.IngestLogService;
import io.liora.catalog.search.SearchIndexes;
import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.security.Roles;
import io.liora.common.security.Scopes;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The active catalog, its history, and rollback. */
@Path("/clientes/{clienteId}/catalog")
@RequiresTenant
@Tag(name = "snapshots", description = "Catalog versions")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {

    private final SnapshotService snapshots;
    private final SearchIndexes indexes;
    private final JsonWebToken caller;

    public SnapshotResource(SnapshotService snapshots, SearchIndexes indexes, JsonWebToken caller) {
        this.snapshots = snapshots;
        this.indexes = indexes;
        this.caller = caller;
    }

    @GET
    @Path("/active")
    @RolesAllowed({Scopes.CATALOG_READ, Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN, Roles.AGENT})
    @Operation(operationId = "getActiveCatalog", summary = "The active catalog; ETag is its version (If-None-Match -> 304)")
    @APIResponseSchema(value = CatalogDtos.SnapshotView.class, responseCode = "200", responseDescription = "The catalog")
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent")
    @APIResponse(responseCode = "404", description = "The tenant has no catalog (type catalog-not-found)")
    public Uni<Response> active(@PathParam("clienteId") UUID clienteId,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return snapshots.activeVersion(clienteId).chain(version -> {
            if (version != null && etag(version).toString().equals(ifNoneMatch)) {
                return Uni.createFrom().item(Response.notModified(etag(version)).build());
            }
            return snapshots.active(clienteId)
                    .map(view -> Response.ok(view).tag(etag(view.version())).build());
        });
    }

    @GET
    @Path("/snapshots")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "listSnapshots", summary = "Every published version, newest first (without items)")
    @APIResponseSchema(value = CatalogDtos.SnapshotPage.class, responseCode = "200", responseDescription = "A page")
    public Uni<Page<CatalogDtos.SnapshotSummary>> list(@PathParam("clienteId") UUID clienteId,
            @Valid @BeanParam PageRequest page) {
        return snapshots.list(clienteId, page);
    }

    @GET
    @Path("/snapshots/{version}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "getSnapshot", summary = "One version, with its items")
    @APIResponseSchema(value = CatalogDtos.SnapshotView.class, responseCode = "200", responseDescription = "The version")
    @APIResponse(responseCode = "404", description = "No such version")
    public Uni<CatalogDtos.SnapshotView> get(@PathParam("clienteId") UUID clienteId,
            @PathParam("version") @Min(1) int version) {
        return snapshots.byVersion(clienteId, version);
    }

    @POST
    @Path("/snapshots/{version}/activate")
    @RolesAllowed({Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "activateSnapshot", summary = "Make a version active again (rollback); logged")
    @APIResponseSchema(value = CatalogDtos.PublishResult.class, responseCode = "200", responseDescription = "Active")
    @APIResponse(responseCode = "404", description = "No such version")
    public Uni<CatalogDtos.PublishResult> activate(@PathParam("clienteId") UUID clienteId,
            @PathParam("version") @Min(1) int version, @Context HttpServerRequest request) {
        String source = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return snapshots.activate(new IngestLogService.Attempt(clienteId, 0, "usuario:" + caller.getSubject(), source),
                version).call(() -> indexes.current(clienteId).replaceWithVoid().onFailure().recoverWithNull());
    }

    private static EntityTag etag(int version) {
        return new EntityTag("v" + version);
    }
}
