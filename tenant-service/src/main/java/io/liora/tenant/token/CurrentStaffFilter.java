package io.liora.tenant.token;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.Problems;
import io.liora.common.security.RevokedTokenFilter;
import io.liora.common.security.Roles;
import io.liora.common.tenant.Caller;
import io.liora.common.tenant.TenantContext;
import io.liora.tenant.cliente.Cliente;
import io.liora.tenant.cliente.ClienteService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * On tenant-service's own routes a staff token counts only as its user stands now: refused (401
 * {@code token-revoked}) when the user was demoted, deactivated, deleted or given a new password
 * after the token was issued, and (403) while the tenant is suspended. One transaction, two
 * indexed reads. (The other services learn the same within seconds from the revocation feed.)
 */
public class CurrentStaffFilter {

    private final TenantContext tenant;
    private final JsonWebToken jwt;
    private final TenantTransactions tx;

    public CurrentStaffFilter(TenantContext tenant, JsonWebToken jwt, TenantTransactions tx) {
        this.tenant = tenant;
        this.jwt = jwt;
        this.tx = tx;
    }

    /** Runs after tenant resolution ({@code AUTHORIZATION + 10}). */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 20)
    public Uni<Response> refuseWhatNoLongerHolds(ContainerRequestContext request) {
        if (tenant.current().isEmpty() || !Roles.TENANT_STAFF.contains(Caller.of(jwt).rol())) {
            return Uni.createFrom().nullItem();
        }
        UUID clienteId = tenant.current().get();
        UUID usuarioId = Caller.usuarioId(jwt);
        long issuedAt = jwt.getIssuedAtTime();
        String path = request.getUriInfo().getPath();
        return tx.forTenant(clienteId, () -> Cliente.<Cliente>findById(clienteId).chain(cliente -> {
            if (cliente != null && Cliente.SUSPENDIDO.equals(cliente.estado)) {
                return Uni.createFrom().item(Problems.response(ClienteService.suspended().toProblem(path)));
            }
            if (usuarioId == null) {
                return Uni.createFrom().item(Problems.response(RevokedTokenFilter.revoked().toProblem(path)));
            }
            return Panache.getSession().chain(session -> session.createNativeQuery(
                    "select count(*) from token_revocations where usuario_id = :usuario"
                            + " and revoked_before >= to_timestamp(:issuedAt + 1)", Long.class)
                    .setParameter("usuario", usuarioId).setParameter("issuedAt", (double) issuedAt)
                    .getSingleResult())
                    .map(newer -> newer > 0 ? Problems.response(RevokedTokenFilter.revoked().toProblem(path)) : null);
        }));
    }
}
