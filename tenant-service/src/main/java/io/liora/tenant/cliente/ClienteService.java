package io.liora.tenant.cliente;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.rest.Pages;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Tenants: created and listed by platform admins (cross-tenant), read and changed one at a time. */
@ApplicationScoped
public class ClienteService {

    private final TenantTransactions tx;

    public ClienteService(TenantTransactions tx) {
        this.tx = tx;
    }

    public Uni<Cliente> create(ClienteDtos.ClienteCreate in) {
        Cliente cliente = new Cliente();
        cliente.slug = in.slug();
        cliente.nombre = in.nombre().trim();
        cliente.plan = in.plan() == null ? "free" : in.plan();
        return tx.acrossTenants(() -> cliente.<Cliente>persistAndFlush())
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> new ProblemException(ProblemType.CONFLICT, "The slug '" + in.slug() + "' is taken"));
    }

    public Uni<Page<Cliente>> list(PageRequest request) {
        return tx.acrossTenants(() -> Pages.of(Cliente.<Cliente>findAll(Sort.by("createdAt").and("id")), request));
    }

    public Uni<Cliente> get(UUID id) {
        return tx.forTenant(id, () -> find(id));
    }

    public Uni<Cliente> update(UUID id, ClienteDtos.ClientePatch patch) {
        return tx.forTenant(id, () -> find(id).invoke(cliente -> {
            if (patch.nombre() != null) {
                cliente.nombre = patch.nombre().trim();
            }
            if (patch.plan() != null) {
                cliente.plan = patch.plan();
            }
            if (patch.estado() != null) {
                cliente.estado = patch.estado();
            }
        }));
    }

    public Uni<Cliente> replacePolicy(UUID id, Map<String, Object> policy) {
        return tx.forTenant(id, () -> find(id).invoke(cliente -> cliente.policy = new HashMap<>(policy)));
    }

    /** Inside a tenant transaction: the tenant, or 404. */
    public static Uni<Cliente> find(UUID id) {
        return Cliente.<Cliente>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No tenant has the id " + id));
    }

    /** Inside a tenant transaction: the tenant, or 404; 403 when it is suspended. */
    public static Uni<Cliente> findActive(UUID id) {
        return find(id).invoke(cliente -> {
            if (Cliente.SUSPENDIDO.equals(cliente.estado)) {
                throw suspended();
            }
        });
    }

    public static ProblemException suspended() {
        return io.liora.common.security.RevokedTokenFilter.suspended();
    }
}
