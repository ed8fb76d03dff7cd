package io.liora.tenant.cliente;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.rest.Pages;
import io.quarkus.panache.common.Sort;
import io.liora.tenant.audit.AuditActions;
import io.liora.tenant.audit.AuditTrail;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Tenants: created and listed by platform admins (cross-tenant), read and changed one at a time. */
@ApplicationScoped
public class ClienteService {

    private final TenantTransactions tx;
    private final AuditTrail audit;

    public ClienteService(TenantTransactions tx, AuditTrail audit) {
        this.tx = tx;
        this.audit = audit;
    }

    public Uni<Cliente> create(ClienteDtos.ClienteCreate in) {
        Cliente cliente = new Cliente();
        cliente.slug = in.slug();
        cliente.nombre = in.nombre().trim();
        cliente.plan = in.plan() == null ? "free" : in.plan();
        return tx.acrossTenants(() -> cliente.<Cliente>persistAndFlush()
                        .call(created -> audit.record(created.id, AuditActions.TENANT_CREATED, "tenant", created.id,
                                Map.of("plan", created.plan))))
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
        }).call(cliente -> audit.record(id, AuditActions.TENANT_CHANGED, "tenant", id, changed(patch, cliente))));
    }

    /** Which fields a patch set; plan and estado with their new value (facts, not personal data). */
    private static Map<String, Object> changed(ClienteDtos.ClientePatch patch, Cliente cliente) {
        Map<String, Object> detail = new HashMap<>();
        if (patch.nombre() != null) {
            detail.put("nombre", "changed");
        }
        if (patch.plan() != null) {
            detail.put("plan", cliente.plan);
        }
        if (patch.estado() != null) {
            detail.put("estado", cliente.estado);
        }
        return detail;
    }

    public Uni<Cliente> replacePolicy(UUID id, Map<String, Object> policy) {
        return tx.forTenant(id, () -> find(id).invoke(cliente -> cliente.policy = new HashMap<>(policy))
                .call(cliente -> audit.record(id, AuditActions.POLICY_REPLACED, "policy", id,
                        Map.of("sections", policy.keySet().stream().sorted().toList()))));
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
