package io.liora.integrations.optout;

import io.liora.common.security.Scopes;
import io.liora.common.tenant.RequiresTenant;
import io.liora.common.tenant.TenantContext;
import io.liora.integrations.whatsapp.MessageDtos;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** conversation-service records here who opted out, so that no message reaches them. */
@Path("/internal/contacts/{contactId}/opt-out")
@RequiresTenant
@RolesAllowed(Scopes.CONTACTS_OPT_OUT)
@Tag(name = "opt-outs", description = "Contacts who asked to receive nothing more")
@SecurityRequirement(name = "bearer")
public class OptOutResource {

    private final OptOuts optOuts;
    private final TenantContext tenant;

    public OptOutResource(OptOuts optOuts, TenantContext tenant) {
        this.optOuts = optOuts;
        this.tenant = tenant;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "optOutContact", summary = "The contact opted out: refuse every message to it but the confirmation")
    @APIResponse(responseCode = "204", description = "Recorded")
    public Uni<Response> optOut(@PathParam("contactId") UUID contactId, @Valid @NotNull MessageDtos.OptOutRequest request) {
        return optOuts.optOut(tenant.clienteId(), contactId, request.phone(), request.bsuid(), request.confirmationKey())
                .map(done -> Response.noContent().build());
    }

    @DELETE
    @Operation(operationId = "optInContact", summary = "The contact opted back in: messages to it are queued again")
    @APIResponse(responseCode = "204", description = "Lifted (or there was none)")
    public Uni<Response> optIn(@PathParam("contactId") UUID contactId) {
        return optOuts.optIn(tenant.clienteId(), contactId).map(done -> Response.noContent().build());
    }
}
