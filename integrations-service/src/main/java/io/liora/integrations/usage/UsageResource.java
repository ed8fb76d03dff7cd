package io.liora.integrations.usage;

import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import io.liora.common.security.Roles;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the tenant's messages cost: Meta's pricing of each one, counted per day, category or number. */
@Path("/clientes/{clienteId}/usage")
@RequiresTenant
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
@Tag(name = "usage", description = "The usage ledger: billable and free messages as Meta priced them")
@SecurityRequirement(name = "bearer")
public class UsageResource {

    /** A report covers at most this many days. */
    static final int MAX_DAYS = 366;

    private final UsageReports reports;
    private final UsageCaps caps;
    private final JsonWebToken jwt;

    public UsageResource(UsageReports reports, UsageCaps caps, JsonWebToken jwt) {
        this.reports = reports;
        this.caps = caps;
        this.jwt = jwt;
    }

    @GET
    @Path("/cap")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "usageCap", summary = "The monthly cap on billable messages and this month's use of it")
    @APIResponseSchema(value = UsageDtos.CapState.class, responseCode = "200", responseDescription = "The cap")
    public Uni<UsageDtos.CapState> cap(@PathParam("clienteId") UUID clienteId) {
        return caps.state(clienteId);
    }

    @PUT
    @Path("/cap")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER})
    @Operation(operationId = "setUsageCap", summary = "Set, raise or (with null) remove the monthly cap (owners)")
    @APIResponseSchema(value = UsageDtos.CapState.class, responseCode = "200", responseDescription = "The cap now")
    public Uni<UsageDtos.CapState> setCap(@PathParam("clienteId") UUID clienteId,
            @Valid @NotNull UsageDtos.CapChange change) {
        return caps.set(clienteId, change.monthlyBillable(), "usuario:" + jwt.getSubject());
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "usage", summary = "Billable and free messages from a day to a day (UTC, both included; "
            + "by default this month), grouped by day, category or number, as JSON or CSV")
    @APIResponseSchema(value = UsageDtos.UsageReport.class, responseCode = "200", responseDescription = "The report")
    @APIResponse(responseCode = "400", description = "A day that is not YYYY-MM-DD, from after to, or over 366 days")
    public Uni<Response> usage(@PathParam("clienteId") UUID clienteId, @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("group_by") @DefaultValue("day") String groupBy,
            @QueryParam("format") @DefaultValue("json") @Pattern(regexp = "^(json|csv)$", message = "json or csv")
            String format) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = day("from", from, today.withDayOfMonth(1));
        LocalDate last = day("to", to, today);
        if (first.isAfter(last)) {
            throw invalid("from", "not after to (" + last + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw invalid("to", "at most " + MAX_DAYS + " days after from");
        }
        return reports.report(clienteId, first, last, grouping(groupBy)).map(report -> "csv".equals(format)
                ? Response.ok(UsageReports.csv(report), "text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"usage-" + first + "-" + last + ".csv\"")
                        .build()
                : Response.ok(report, MediaType.APPLICATION_JSON).build());
    }

    private static UsageDtos.GroupBy grouping(String value) {
        try {
            return UsageDtos.GroupBy.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw invalid("group_by", "day, category or number");
        }
    }

    private static LocalDate day(String field, String value, LocalDate absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "a day such as 2026-12-01");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.invalid(List.of(new Problem.FieldError(field, null, message)));
    }
}
