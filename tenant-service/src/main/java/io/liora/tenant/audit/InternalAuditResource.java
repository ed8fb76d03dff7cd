package io.liora.tenant.audit;

import io.liora.common.audit.AuditRecord;
import io.liora.common.security.Scopes;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Services record their own audited actions here; the recording service is the token's client. */
@Path("/internal/audit")
@Tag(name = "audit")
@SecurityRequirement(name = "bearer")
public class InternalAuditResource {

    private final AuditService audit;
    private final JsonWebToken jwt;

    public InternalAuditResource(AuditService audit, JsonWebToken jwt) {
        this.audit = audit;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed(Scopes.AUDIT_WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordAuditEvent", summary = "A service records one of its audited actions (kept once per source_key)")
    @APIResponse(responseCode = "204", description = "Kept")
    public Uni<Response> record(@Valid @NotNull AuditRecord event) {
        return audit.keep(jwt.getSubject(), event).map(done -> Response.noContent().build());
    }
}
