package io.liora.tenant.cliente;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.retention.RetentionSweep;
import io.liora.common.security.Scopes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How long each tenant keeps its customers' messages: what every service's retention job reads. */
@Path("/internal/retention")
@Tag(name = "clientes")
@SecurityRequirement(name = "bearer")
public class RetentionResource {

    private final TenantTransactions tx;

    public RetentionResource(TenantTransactions tx) {
        this.tx = tx;
    }

    @GET
    @RolesAllowed(Scopes.RETENTION_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listRetentionWindows", summary = "Every tenant's retention window in days (default 180)")
    public Uni<List<RetentionSweep.Window>> windows() {
        return tx.acrossTenants(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select id, coalesce(cast(policy ->> 'retention_days' as integer), "
                                + TenantPolicy.DEFAULT_RETENTION_DAYS + ") from clientes order by id", Object[].class)
                .getResultList()))
                .map(rows -> rows.stream().map(row -> new RetentionSweep.Window((UUID) row[0], ((Number) row[1]).intValue()))
                        .toList());
    }
}
