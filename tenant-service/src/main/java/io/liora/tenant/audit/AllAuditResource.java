package io.liora.tenant.audit;

import io.liora.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every tenant's audit trail, for platform admins. */
@Path("/audit")
@Tag(name = "audit")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AllAuditResource {

    private final AuditService audit;

    public AllAuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "listAudit", summary = "Every tenant's audit trail, newest first (platform admins)")
    @APIResponseSchema(value = AuditDtos.AuditPage.class, responseCode = "200", responseDescription = "The records")
    public Uni<AuditDtos.AuditPage> listAll(
            @QueryParam("action") @Pattern(regexp = AuditResource.ACTION, message = AuditResource.ACTION_MESSAGE) String action,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return audit.listAll(AuditResource.query(action, from, to, cursor, limit));
    }
}
