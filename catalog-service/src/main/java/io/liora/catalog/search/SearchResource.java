package io.liora.catalog.search;

import io.liora.catalog.snapshot.CatalogDtos;
import io.liora.common.security.Roles;
import io.liora.common.security.Scopes;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the conversation's skills read: search, categories and items of the active catalog. */
@Path("/clientes/{clienteId}/catalog")
@RequiresTenant
@RolesAllowed({Scopes.CATALOG_READ, Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN, Roles.AGENT})
@Tag(name = "search", description = "The active catalog, as customers see it")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final SearchService search;

    public SearchResource(SearchService search) {
        this.search = search;
    }

    @GET
    @Path("/items")
    @Operation(operationId = "searchItems", summary = "Search the active catalog (case and accents ignored), best first")
    @APIResponseSchema(value = CatalogDtos.ItemList.class, responseCode = "200", responseDescription = "Matching items")
    @APIResponse(responseCode = "404", description = "The tenant has no catalog (type catalog-not-found)")
    public Uni<CatalogDtos.ItemList> items(@PathParam("clienteId") UUID clienteId,
            @QueryParam("q") @Size(max = 200) String q,
            @QueryParam("categoria") @Size(max = 100) String categoria,
            @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(50) int limit) {
        return search.search(clienteId, q, categoria, limit);
    }

    @GET
    @Path("/categories")
    @Operation(operationId = "listCategories", summary = "The active catalog's categories with their item counts")
    @APIResponseSchema(value = CatalogDtos.CategoryList.class, responseCode = "200", responseDescription = "Categories")
    @APIResponse(responseCode = "404", description = "The tenant has no catalog (type catalog-not-found)")
    public Uni<CatalogDtos.CategoryList> categories(@PathParam("clienteId") UUID clienteId) {
        return search.categories(clienteId);
    }

    @GET
    @Path("/items/{sku}")
    @Operation(operationId = "getItem", summary = "One item of the active catalog")
    @APIResponseSchema(value = CatalogDtos.ItemView.class, responseCode = "200", responseDescription = "The item")
    @APIResponse(responseCode = "404", description = "No catalog, or no such sku")
    public Uni<CatalogDtos.ItemView> item(@PathParam("clienteId") UUID clienteId,
            @PathParam("sku") @Size(max = 64) String sku) {
        return search.item(clienteId, sku);
    }
}
