package io.liora.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way data code opens a transaction, so that PostgreSQL's row-level security always knows
 * whose rows these are.
 *
 * <p>{@link #forTenant} sets {@code app.cliente_id} first inside the transaction, transaction-local
 * ({@code set_config(..., true)}), so a pooled connection carries nothing to the next request. The
 * tables' policies compare {@code cliente_id} with that setting: a query that forgets its tenant
 * filter finds nothing, and a write into another tenant fails with SQLSTATE 42501.
 *
 * <p>{@link #acrossTenants} is the separate, named path for work that spans tenants (platform
 * administration, login by e-mail, workers claiming rows for many tenants): it switches the
 * transaction to the cross-tenant role, whose policies are granted table by table in the
 * migrations.
 *
 * <p>The settings are made through the Hibernate session with HQL so they run on the
 * transaction's own connection (never through the injected Vert.x pool, which is another
 * connection) and reuse one cached query plan.
 */
@ApplicationScoped
public class TenantTransactions {

    private static final String SET_LOCAL = "select function('set_config', :name, :value, true)";
    static final String TENANT_SETTING = "app.cliente_id";

    private final String crossTenantRole;

    public TenantTransactions(
            @ConfigProperty(name = "liora.database.cross-tenant-role", defaultValue = "liora_cross_tenant")
            String crossTenantRole) {
        this.crossTenantRole = crossTenantRole;
    }

    /** Runs {@code work} in a transaction that sees and writes only {@code clienteId}'s rows. */
    public <T> Uni<T> forTenant(UUID clienteId, Supplier<Uni<T>> work) {
        if (clienteId == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("clienteId is required"));
        }
        return toTheEnd(() -> Panache.withTransaction(() -> setLocal(TENANT_SETTING, clienteId.toString())
                .chain(ignored -> work.get())));
    }

    /** Runs {@code work} in a transaction with the cross-tenant role: only for named cross-tenant paths. */
    public <T> Uni<T> acrossTenants(Supplier<Uni<T>> work) {
        return toTheEnd(() -> Panache.withTransaction(() -> setLocal("role", crossTenantRole).chain(ignored -> work.get())));
    }

    /**
     * A transaction, once begun, runs to its commit or rollback even when its caller goes away (an
     * HTTP client that disconnects, a timeout upstream): a cancelled Uni would make Hibernate
     * Reactive close the session with the transaction live (HR000090, a rollback, and the rest of
     * the chain running without a session). The caller's cancellation ends its wait, not the work.
     */
    private static <T> Uni<T> toTheEnd(Supplier<Uni<T>> transaction) {
        return Uni.createFrom().emitter(emitter -> {
            try {
                transaction.get().subscribe().with(emitter::complete, emitter::fail);
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        });
    }

    private Uni<String> setLocal(String name, String value) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(SET_LOCAL, String.class)
                .setParameter("name", name)
                .setParameter("value", value)
                .getSingleResult());
    }
}
