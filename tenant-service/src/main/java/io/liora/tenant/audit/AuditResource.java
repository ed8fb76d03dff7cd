package io.liora.tenant.audit;

import io.liora.common.rest.Keyset;
import io.liora.common.rest.QueryInstants;
import io.liora.common.security.Roles;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit trail: owners read their tenant's, platform admins every tenant's ({@link AllAuditResource}),
 * services add theirs ({@link InternalAuditResource}). Each its own root path: JAX-RS picks a
 * resource class by its path before its methods, and /clientes and /internal have classes of their own.
 */
@Path("/clientes/{clienteId}/audit")
@Tag(name = "audit", description = "Who did what and when")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final String ACTION = "^[a-z_]{1,30}\\.[a-z_]{1,30}$";

    static final String ACTION_MESSAGE = "an action such as user.created";

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @RequiresTenant
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER})
    @Operation(operationId = "listTenantAudit", summary = "The tenant's audit trail, newest first (owners, platform admins)",
            description = "Keyset-paginated: pass next_cursor as cursor for the next page.")
    @APIResponseSchema(value = AuditDtos.AuditPage.class, responseCode = "200", responseDescription = "The records")
    public Uni<AuditDtos.AuditPage> list(@PathParam("clienteId") UUID clienteId,
            @QueryParam("action") @Pattern(regexp = ACTION, message = ACTION_MESSAGE) String action,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return audit.list(clienteId, query(action, from, to, cursor, limit));
    }

    static AuditService.AuditQuery query(String action, String from, String to, String cursor, int limit) {
        return new AuditService.AuditQuery(action, QueryInstants.parse("from", from), QueryInstants.parse("to", to),
                Keyset.decode(cursor, "cursor"), limit);
    }
}
