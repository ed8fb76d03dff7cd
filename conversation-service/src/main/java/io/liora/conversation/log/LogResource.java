package io.liora.conversation.log;

import io.liora.common.rest.QueryInstants;
import io.liora.common.security.Roles;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Multi;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/** The tenant's conversation log (export) and its figures. */
@Path("/clientes/{clienteId}")
@RequiresTenant
@RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.AGENT, Roles.PLATFORM_ADMIN})
@Tag(name = "logs", description = "Conversation log export and metrics")
@SecurityRequirement(name = "bearer")
public class LogResource {

    private final LogExportService logs;

    public LogResource(LogExportService logs) {
        this.logs = logs;
    }

    @GET
    @Path("/logs")
    // streamed as plain text lines (so neither format is re-encoded); the real type is set per format below
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "exportLogs", summary = "Export the conversation log as JSON lines or CSV, oldest first",
            description = "Keyset-paginated: pass the X-Next-Cursor of one answer as cursor to get the next.")
    @APIResponse(responseCode = "200", description = "The rows; X-Next-Cursor when more follow")
    public RestMulti<String> export(@PathParam("clienteId") UUID clienteId,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("msisdn") @Pattern(regexp = "^[0-9]{7,15}$", message = "digits, with country code") String msisdn,
            @QueryParam("contact_id") UUID contactId,
            @QueryParam("direction") @Pattern(regexp = "^(in|out)$", message = "in or out") String direction,
            @QueryParam("intent") @Pattern(regexp = "^[a-z0-9_.]{1,80}$", message = "an intent name") String intent,
            @QueryParam("format") @DefaultValue("jsonl") @Pattern(regexp = "^(jsonl|csv)$", message = "jsonl or csv")
            String format,
            @QueryParam("limit") @DefaultValue("1000") @Min(1) @Max(10_000) int limit,
            @QueryParam("cursor") String cursor) {
        LogQuery query = LogQuery.of(QueryInstants.parse("from", from), QueryInstants.parse("to", to), msisdn, contactId, direction, intent,
                cursor);
        boolean csv = "csv".equals(format);
        // the next cursor is found first, so it can travel in a header before the rows stream out
        return RestMulti.fromUniResponse(logs.nextCursor(clienteId, query, limit).map(Optional::ofNullable), next -> {
            Multi<String> lines = logs.rows(clienteId, query, limit)
                    .map(row -> csv ? LogExportService.csvLine(row) : LogExportService.jsonLine(row));
            return csv ? Multi.createBy().concatenating().streams(
                    Multi.createFrom().item(LogExportService.csvHeader()), lines) : lines;
        }, next -> {
            Map<String, List<String>> headers = new HashMap<>();
            headers.put("Content-Type", List.of(csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8"));
            if (csv) {
                headers.put("Content-Disposition", List.of("attachment; filename=\"conversation-log.csv\""));
            }
            next.ifPresent(cursorValue -> headers.put("X-Next-Cursor", List.of(cursorValue)));
            return headers;
        });
    }

    @GET
    @Path("/metrics")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "conversationMetrics", summary = "Messages in/out, per intent, no-match rate, latency p50/p95")
    public Uni<Map<String, Object>> metrics(@PathParam("clienteId") UUID clienteId,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = to == null ? Instant.now() : QueryInstants.parse("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : QueryInstants.parse("from", from);
        return logs.metrics(clienteId, start, end);
    }
}
