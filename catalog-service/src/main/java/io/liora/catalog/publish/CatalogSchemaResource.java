package io.liora.catalog.publish;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The JSON Schema of a publish body, for whoever builds one. */
@Path("/catalog/schema")
@Tag(name = "publish")
public class CatalogSchemaResource {

    private final CatalogValidator validator;

    public CatalogSchemaResource(CatalogValidator validator) {
        this.validator = validator;
    }

    @GET
    @PermitAll
    @Produces({"application/schema+json", "application/json"})
    @Operation(operationId = "getCatalogSchema", summary = "The JSON Schema (2020-12) every publish body must follow")
    public Response schema() {
        return Response.ok(validator.schema()).header("Cache-Control", "public, max-age=3600").build();
    }
}
