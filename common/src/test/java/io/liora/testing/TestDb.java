package io.liora.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Direct SQL against the service's test database, as the application role and inside one tenant,
 * for tests that check what is really stored.
 */
public final class TestDb {

    private TestDb() {
    }

    public static List<Map<String, Object>> query(UUID tenant, String sql, Object... args) {
        try (Connection db = connect()) {
            return inTenant(db, tenant, () -> rows(db, sql, args));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A query on the cross-tenant path (the role the webhook and the workers use), for rows that
     * belong to no tenant, such as unroutable or malformed messages.
     */
    public static List<Map<String, Object>> queryAcrossTenants(String sql, Object... args) {
        String role = ConfigProvider.getConfig().getOptionalValue("liora.database.cross-tenant-role", String.class)
                .orElse("liora_cross_tenant");
        try (Connection db = connect()) {
            return inTenant(db, null, () -> {
                try (PreparedStatement set = db.prepareStatement("select set_config('role', ?, true)")) {
                    set.setString(1, role);
                    set.execute();
                }
                return rows(db, sql, args);
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The tables in which a row the tenant can see holds {@code needle} anywhere (any column, as
     * text): how a test proves that nothing of a person is left.
     */
    public static List<String> tablesHolding(UUID tenant, String needle) {
        List<String> holding = new ArrayList<>();
        for (Map<String, Object> table : query(tenant, "select c.relname from pg_class c "
                + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') "
                + "and has_table_privilege(c.oid, 'SELECT') order by c.relname")) {
            String name = table.get("relname").toString();
            long rows = ((Number) query(tenant, "select count(*) as n from \"" + name + "\" t "
                    + "where strpos(cast(to_jsonb(t) as text), ?) > 0", needle).get(0).get("n")).longValue();
            if (rows > 0) {
                holding.add(name);
            }
        }
        return holding;
    }

    private static List<Map<String, Object>> rows(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, args); ResultSet rows = statement.executeQuery()) {
            List<Map<String, Object>> result = new ArrayList<>();
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** @throws SQLException as PostgreSQL raised it, so tests can assert SQLSTATEs */
    public static int update(UUID tenant, String sql, Object... args) throws SQLException {
        try (Connection db = connect()) {
            return inTenant(db, tenant, () -> {
                try (PreparedStatement statement = prepare(db, sql, args)) {
                    return statement.executeUpdate();
                }
            });
        }
    }

    /**
     * A transaction left open in the tenant, for tests of what runs concurrently with it; the
     * caller commits (or rolls back) and closes it.
     */
    public static Connection begin(UUID tenant) throws SQLException {
        Connection db = connect();
        db.setAutoCommit(false);
        try (PreparedStatement set = db.prepareStatement("select set_config('app.cliente_id', ?, true)")) {
            set.setString(1, tenant.toString());
            set.execute();
        }
        return db;
    }

    /** Runs a statement on a connection of {@link #begin}. */
    public static int update(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, args)) {
            return statement.executeUpdate();
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    static <T> T inTenant(Connection db, UUID tenant, SqlWork<T> work) throws SQLException {
        db.setAutoCommit(false);
        try {
            if (tenant != null) {
                try (PreparedStatement set = db.prepareStatement("select set_config('app.cliente_id', ?, true)")) {
                    set.setString(1, tenant.toString());
                    set.execute();
                }
            }
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    static PreparedStatement prepare(Connection db, String sql, Object... args) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }

    static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
