package io.liora.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Proves, as the application role and over a plain connection, that PostgreSQL itself keeps a
 * table's tenants apart: no tenant set finds nothing, tenant A finds only A's rows, a row of B
 * cannot be written while set to A, and a connection reused after a tenant-A transaction carries
 * nothing of A.
 */
public final class RowLevelSecurityContract {

    /** Inserts one valid row (and whatever parents it needs) for {@code tenant}. */
    @FunctionalInterface
    public interface RowInsert {
        void insert(Connection connection, UUID tenant) throws SQLException;
    }

    private RowLevelSecurityContract() {
    }

    public static void assertTenantIsolated(String table, RowInsert insert) {
        assertTenantIsolated(table, "cliente_id", insert);
    }

    public static void assertTenantIsolated(String table, String tenantColumn, RowInsert insert) {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (Connection app = connectAsApplication()) {
            assertPolicyInForce(app, table);

            inTenant(app, a, () -> insert.insert(app, a));
            inTenant(app, b, () -> insert.insert(app, b));

            // same connection, right after tenant B's transaction: nothing leaks
            assertThat(count(app, table, "true")).as("rows of %s visible without a tenant", table).isZero();

            inTenant(app, a, () -> {
                assertThat(count(app, table, tenantColumn + " = '" + a + "'")).as("tenant A's own rows").isPositive();
                assertThat(count(app, table, tenantColumn + " <> '" + a + "'")).as("other tenants' rows seen by A")
                        .isZero();
                assertThat(update(app, table, tenantColumn + " = '" + b + "'")).as("B's rows updated by A").isZero();
            });

            assertThatThrownBy(() -> inTenant(app, a, () -> insert.insert(app, b)))
                    .as("inserting a row of B while set to A")
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        } catch (SQLException e) {
            throw new AssertionError("Row-level security check of " + table + " failed", e);
        }
    }

    private static void assertPolicyInForce(Connection app, String table) throws SQLException {
        try (PreparedStatement query = app.prepareStatement("""
                select c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) <> current_user,
                       (select not rolbypassrls and not rolsuper from pg_roles where rolname = current_user)
                from pg_class c where c.relname = ? and c.relnamespace = 'public'::regnamespace""")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("table %s exists", table).isTrue();
                assertThat(row.getBoolean(1)).as("%s has ROW LEVEL SECURITY enabled", table).isTrue();
                assertThat(row.getBoolean(2)).as("%s has FORCE ROW LEVEL SECURITY", table).isTrue();
                assertThat(row.getBoolean(3)).as("%s is owned by another role than the application's", table)
                        .isTrue();
                assertThat(row.getBoolean(4)).as("the application role cannot bypass RLS").isTrue();
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    private static void inTenant(Connection app, UUID tenant, SqlWork work) throws SQLException {
        TestDb.inTenant(app, tenant, () -> {
            work.run();
            return null;
        });
    }

    private static long count(Connection app, String table, String where) throws SQLException {
        try (PreparedStatement query = app.prepareStatement("select count(*) from " + table + " where " + where);
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static int update(Connection app, String table, String where) throws SQLException {
        try (PreparedStatement update = app.prepareStatement(
                "update " + table + " set updated_at = updated_at where " + where)) {
            return update.executeUpdate();
        }
    }

    /** Runs one parameterised statement; for the services' {@link RowInsert}s. */
    public static void sql(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = TestDb.prepare(db, sql, args)) {
            statement.executeUpdate();
        }
    }

    private static Connection connectAsApplication() throws SQLException {
        return TestDb.connect();
    }
}
