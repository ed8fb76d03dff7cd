package io.liora.tenant.cliente;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.Problems;
import io.liora.common.security.Roles;
import io.liora.common.tenant.Caller;
import io.liora.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Staff of a suspended tenant are refused on its routes at once, whatever their token says.
 * (The other services stop honouring those tokens when they expire; see docs/architecture.md.)
 */
public class SuspendedTenantFilter {

    private final TenantContext tenant;
    private final JsonWebToken jwt;
    private final TenantTransactions tx;

    public SuspendedTenantFilter(TenantContext tenant, JsonWebToken jwt, TenantTransactions tx) {
        this.tenant = tenant;
        this.jwt = jwt;
        this.tx = tx;
    }

    /** Runs after tenant resolution ({@code AUTHORIZATION + 10}). */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 20)
    public Uni<Response> refuseSuspendedTenant(ContainerRequestContext request) {
        if (tenant.current().isEmpty() || !Roles.TENANT_STAFF.contains(Caller.of(jwt).rol())) {
            return Uni.createFrom().nullItem();
        }
        return tx.forTenant(tenant.current().get(), () -> Cliente.<Cliente>findById(tenant.current().get()))
                .map(cliente -> cliente != null && Cliente.SUSPENDIDO.equals(cliente.estado)
                        ? suspended(request) : null);
    }

    private static Response suspended(ContainerRequestContext request) {
        ProblemException problem = ClienteService.suspended();
        return Problems.response(problem.toProblem(request.getUriInfo().getPath()));
    }
}
