package io.liora.catalog.ingest;

import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.security.Roles;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/clientes/{clienteId}/catalog/ingest-logs")
@RequiresTenant
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
@Tag(name = "publish")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class IngestLogResource {

    static final String OUTCOMES = "accepted|duplicate|bad_signature|stale_signature|replayed|invalid_schema"
            + "|too_large|unauthorized|activated";

    private final IngestLogService ingestLog;

    public IngestLogResource(IngestLogService ingestLog) {
        this.ingestLog = ingestLog;
    }

    public record IngestLogView(UUID id, String outcome, String reason, Integer sizeBytes, Integer itemCount,
            Integer snapshotVersion, String actor, String sourceAddress, Instant createdAt) {

        static IngestLogView of(IngestLog log) {
            return new IngestLogView(log.id, log.outcome, log.reason, log.sizeBytes, log.itemCount,
                    log.snapshotVersion, log.actor, log.sourceAddress, log.createdAt);
        }
    }

    public record IngestLogPage(List<IngestLogView> items, int page, int size, long total) {
    }

    @GET
    @Operation(operationId = "listIngestLogs", summary = "Every publish attempt, newest first; filter by outcome")
    @APIResponseSchema(value = IngestLogPage.class, responseCode = "200", responseDescription = "A page")
    public Uni<Page<IngestLogView>> list(@PathParam("clienteId") UUID clienteId,
            @QueryParam("outcome") @Pattern(regexp = OUTCOMES, message = "one of " + OUTCOMES) String outcome,
            @Valid @BeanParam PageRequest page) {
        return ingestLog.list(clienteId, outcome == null ? null : IngestOutcome.valueOf(outcome), page)
                .map(p -> p.map(IngestLogView::of));
    }
}
