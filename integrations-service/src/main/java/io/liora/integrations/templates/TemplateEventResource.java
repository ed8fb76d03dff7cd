package io.liora.integrations.templates;

import io.liora.common.security.Scopes;
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

/** Meta's template webhooks, as conversation-service (which receives every webhook) hands them over. */
@Path("/internal/templates/events")
@Tag(name = "templates")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateEventResource {

    private final TemplateEvents events;

    public TemplateEventResource(TemplateEvents events) {
        this.events = events;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.TEMPLATE_EVENTS_WRITE)
    @Operation(operationId = "applyTemplateEvents", summary = "Template status, quality and category webhooks, "
            + "applied to the account's templates")
    @APIResponseSchema(value = TemplateDtos.TemplateEventResult.class, responseCode = "200", responseDescription = "Applied")
    public Uni<TemplateDtos.TemplateEventResult> apply(@Valid @NotNull TemplateDtos.TemplateEventBatch batch) {
        return events.apply(batch.events());
    }
}
