package io.liora.common.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link TenantTransactions} for the hot paths: the same transaction-local tenant setting (or the
 * cross-tenant role), through the plain Vert.x PostgreSQL client instead of a Hibernate session.
 *
 * <p>{@code BEGIN}, the setting and the work's first statements are written to the connection at
 * once, without waiting for each answer (the client pipelines them): a transaction of work that
 * decides on its results costs two round trips (that, then {@code COMMIT} or {@code ROLLBACK}), a
 * single statement one ({@code COMMIT} in the same write), where a Hibernate session costs one per
 * statement. Statements are prepared once per connection and kept
 * ({@code quarkus.datasource.reactive.cache-prepared-statements}). Row-level security is exactly as
 * strong: the setting is the one {@link TenantTransactions} makes, local to the transaction.
 *
 * <p>The work gets the bare connection and answers a Vert.x {@link Future}: a Vert.x statement is
 * sent when it is called, not when a subscriber comes, which is what lets it join the pipeline.
 */
@ApplicationScoped
public class TenantSql {

    private static final String TENANT_SETTING = "select set_config('" + TenantTransactions.TENANT_SETTING
            + "', $1, true)";
    private static final String ROLE_SETTING = "select set_config('role', $1, true)";
    /** The same settings, and this transaction's commit not waiting for its WAL flush. */
    private static final String TENANT_SETTING_REPLAYABLE = "select set_config('" + TenantTransactions.TENANT_SETTING
            + "', $1, true), set_config('synchronous_commit', 'off', true)";
    private static final String ROLE_SETTING_REPLAYABLE =
            "select set_config('role', $1, true), set_config('synchronous_commit', 'off', true)";

    private final Pool pool;
    private final String crossTenantRole;

    public TenantSql(io.vertx.mutiny.sqlclient.Pool pool,
            @ConfigProperty(name = "liora.database.cross-tenant-role", defaultValue = "liora_cross_tenant")
            String crossTenantRole) {
        this.pool = pool.getDelegate();
        this.crossTenantRole = crossTenantRole;
    }

    /** Runs {@code work} in a transaction that sees and writes only {@code clienteId}'s rows. */
    public <T> Uni<T> forTenant(UUID clienteId, Function<SqlConnection, Future<T>> work) {
        return tenantTransaction(TENANT_SETTING, clienteId, work);
    }

    /**
     * One statement in a transaction that sees and writes only {@code clienteId}'s rows: {@code BEGIN},
     * the setting, the statement and {@code COMMIT} in one write, so one round trip. (A failed
     * statement aborts the transaction, and PostgreSQL answers that {@code COMMIT} with a rollback.)
     */
    public Uni<RowSet<Row>> forTenant(UUID clienteId, String statement, Tuple values) {
        return tenantStatement(TENANT_SETTING, clienteId, statement, values);
    }

    /**
     * Like {@link #forTenant(UUID, Function)}, for <em>replayable</em> work: its commit does not wait
     * for the WAL to reach the disk ({@code synchronous_commit = off}, for this transaction only).
     * A database crash can lose the last few hundred milliseconds of such commits (never half of
     * one), so only work whose loss repairs itself may use it: a turn's record (the message stays
     * pending and is answered again under the same idempotency keys, which integrations-service
     * deduplicates), a claim's lease, a forwarded status's mark (applied again, idempotently).
     * Anything acknowledged to someone outside (a webhook's 200, a queued reply's 202) must not.
     */
    public <T> Uni<T> forTenantReplayable(UUID clienteId, Function<SqlConnection, Future<T>> work) {
        return tenantTransaction(TENANT_SETTING_REPLAYABLE, clienteId, work);
    }

    /** {@link #forTenant(UUID, String, Tuple)} for replayable work ({@link #forTenantReplayable(UUID, Function)}). */
    public Uni<RowSet<Row>> forTenantReplayable(UUID clienteId, String statement, Tuple values) {
        return tenantStatement(TENANT_SETTING_REPLAYABLE, clienteId, statement, values);
    }

    /** {@link #acrossTenants(String, Tuple)} for replayable work ({@link #forTenantReplayable(UUID, Function)}). */
    public Uni<RowSet<Row>> acrossTenantsReplayable(String statement, Tuple values) {
        return uni(() -> runOne(ROLE_SETTING_REPLAYABLE, crossTenantRole, statement, values));
    }

    /** One statement with the cross-tenant role, in one round trip: only for named cross-tenant paths. */
    public Uni<RowSet<Row>> acrossTenants(String statement, Tuple values) {
        return uni(() -> runOne(ROLE_SETTING, crossTenantRole, statement, values));
    }

    /** Runs {@code work} in a transaction with the cross-tenant role: only for named cross-tenant paths. */
    public <T> Uni<T> acrossTenants(Function<SqlConnection, Future<T>> work) {
        return inTransaction(ROLE_SETTING, crossTenantRole, work);
    }

    private <T> Uni<T> tenantTransaction(String setting, UUID clienteId, Function<SqlConnection, Future<T>> work) {
        if (clienteId == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("clienteId is required"));
        }
        return inTransaction(setting, clienteId.toString(), work);
    }

    private Uni<RowSet<Row>> tenantStatement(String setting, UUID clienteId, String statement, Tuple values) {
        if (clienteId == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("clienteId is required"));
        }
        return uni(() -> runOne(setting, clienteId.toString(), statement, values));
    }

    /**
     * Commits when the work succeeded, rolls back otherwise; either way the connection goes back to
     * the pool outside any transaction. Like {@link TenantTransactions}, a transaction once begun
     * runs to its end even if the caller stops waiting.
     */
    private <T> Uni<T> inTransaction(String setting, String value, Function<SqlConnection, Future<T>> work) {
        return uni(() -> run(setting, value, work));
    }

    /** Started per subscription, not when the Uni is made. */
    private static <T> Uni<T> uni(Supplier<Future<T>> transaction) {
        return Uni.createFrom().emitter(emitter -> transaction.get().onComplete(outcome -> {
            if (outcome.succeeded()) {
                emitter.complete(outcome.result());
            } else {
                emitter.fail(outcome.cause());
            }
        }));
    }

    private Future<RowSet<Row>> runOne(String setting, String value, String statement, Tuple values) {
        return pool.getConnection().compose(connection -> {
            Future<?> begun = connection.query("BEGIN").execute();
            Future<?> set = connection.preparedQuery(setting).execute(Tuple.of(value));
            Future<RowSet<Row>> done = connection.preparedQuery(statement).execute(values);
            Future<?> committed = connection.query("COMMIT").execute();
            // the connection answers in order: once COMMIT is answered, so is everything before it
            return committed.transform(ended -> Future.all(begun, set, done, committed))
                    .map(all -> done.result())
                    .onComplete(ended -> connection.close());
        });
    }

    private <T> Future<T> run(String setting, String value, Function<SqlConnection, Future<T>> work) {
        return pool.getConnection().compose(connection -> {
            Future<?> begun = connection.query("BEGIN").execute();
            Future<?> set = connection.preparedQuery(setting).execute(Tuple.of(value));
            Future<T> done;
            try {
                done = work.apply(connection);
            } catch (RuntimeException e) {
                done = Future.failedFuture(e);
            }
            Future<T> worked = done;
            return Future.all(begun, set, worked)
                    .transform(outcome -> outcome.succeeded()
                            ? connection.query("COMMIT").execute().map(committed -> worked.result())
                            : connection.query("ROLLBACK").execute()
                                    .<T>transform(ignored -> Future.failedFuture(outcome.cause())))
                    .onComplete(ended -> connection.close());
        });
    }
}
