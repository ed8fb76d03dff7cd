package io.liora.common.tenant;

import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** The tenant of the current request, set by {@link TenantResolutionFilter}. */
@RequestScoped
public class TenantContext {

    private UUID clienteId;

    /** The resolved tenant; only on routes marked {@link RequiresTenant}. */
    public UUID clienteId() {
        if (clienteId == null) {
            throw new ProblemException(ProblemType.TENANT_REQUIRED, "This route needs a tenant");
        }
        return clienteId;
    }

    /** The resolved tenant, if this route has one. */
    public java.util.Optional<UUID> current() {
        return java.util.Optional.ofNullable(clienteId);
    }

    void set(UUID clienteId) {
        this.clienteId = clienteId;
    }
}
