package io.liora.integrations.nlp;

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

@Path("/nlp/classify")
@RequiresTenant
@RolesAllowed(Scopes.NLP_CLASSIFY)
@Tag(name = "nlp", description = "Intent fallback")
@SecurityRequirement(name = "bearer")
public class NlpResource {

    private final IntentClassifier classifier;
    private final TenantContext tenant;

    public NlpResource(IntentClassifier classifier, TenantContext tenant) {
        this.classifier = classifier;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "classifyIntent", summary = "Pick one of the given intents for a message, or none")
    @APIResponseSchema(value = NlpDtos.Classification.class, responseCode = "200", responseDescription = "The intent")
    public Uni<NlpDtos.Classification> classify(@Valid @NotNull NlpDtos.ClassifyRequest request) {
        return classifier.classify(tenant.clienteId(), request);
    }
}
