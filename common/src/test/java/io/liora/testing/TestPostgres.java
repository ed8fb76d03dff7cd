package io.liora.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL server tests run against: the local one when it answers (settings from
 * {@code LIORA_PG_HOST}, {@code LIORA_PG_PORT}, {@code LIORA_PG_SUPERUSER},
 * {@code LIORA_PG_SUPERUSER_PASSWORD}), otherwise an embedded one started once per JVM.
 * {@code LIORA_TEST_PG=embedded} forces the embedded server.
 *
 * <p>It creates Liora's three roles when they are missing: the migration owner, the application
 * role the services connect as (not the owner, no BYPASSRLS, NOINHERIT) and the cross-tenant role
 * the application may switch to for named cross-tenant work.
 */
public final class TestPostgres {

    public static final String OWNER = "liora_owner";
    public static final String APP = "liora_app";
    public static final String CROSS_TENANT = "liora_cross_tenant";
    /** Test and local passwords only; deployments take theirs from Secrets. */
    public static final String OWNER_PASSWORD = "liora_owner";
    public static final String APP_PASSWORD = "liora_app";

    private static final String EMBEDDED_PORT = "liora.test.embedded-pg.port";

    private final String host;
    private final int port;
    private final String superuser;
    private final String superuserPassword;

    private TestPostgres(String host, int port, String superuser, String superuserPassword) {
        this.host = host;
        this.port = port;
        this.superuser = superuser;
        this.superuserPassword = superuserPassword;
    }

    public static synchronized TestPostgres server() {
        boolean forceEmbedded = "embedded".equalsIgnoreCase(env("LIORA_TEST_PG", ""));
        if (!forceEmbedded) {
            TestPostgres local = new TestPostgres(env("LIORA_PG_HOST", "127.0.0.1"),
                    Integer.parseInt(env("LIORA_PG_PORT", "5432")), env("LIORA_PG_SUPERUSER", "postgres"),
                    env("LIORA_PG_SUPERUSER_PASSWORD", ""));
            if (local.answers()) {
                return local.withRoles();
            }
        }
        return embedded().withRoles();
    }

    private static TestPostgres embedded() {
        String running = System.getProperty(EMBEDDED_PORT);
        if (running == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away anyway
                    }
                }));
                running = String.valueOf(postgres.getPort());
                System.setProperty(EMBEDDED_PORT, running);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start an embedded PostgreSQL", e);
            }
        }
        return new TestPostgres("localhost", Integer.parseInt(running), "postgres", "");
    }

    /** Creates an empty database owned by the migration role and returns its name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_test_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        execute("postgres", "CREATE DATABASE " + name + " OWNER " + OWNER);
        execute(name, "REVOKE ALL ON SCHEMA public FROM PUBLIC");
        execute(name, "GRANT ALL ON SCHEMA public TO " + OWNER);
        execute(name, "GRANT USAGE ON SCHEMA public TO " + APP + ", " + CROSS_TENANT);
        return name;
    }

    public void dropDatabase(String name) {
        execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    private boolean answers() {
        try (Connection ignored = connect("postgres", 2)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private TestPostgres withRoles() {
        createRole(OWNER, "LOGIN PASSWORD '" + OWNER_PASSWORD + "'");
        createRole(APP, "LOGIN NOINHERIT NOBYPASSRLS PASSWORD '" + APP_PASSWORD + "'");
        createRole(CROSS_TENANT, "NOLOGIN NOBYPASSRLS");
        execute("postgres", "GRANT " + CROSS_TENANT + " TO " + APP);
        return this;
    }

    private void createRole(String role, String options) {
        execute("postgres", "DO $$ BEGIN CREATE ROLE " + role + " " + options
                + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    /** Runs a statement as the superuser, for tests that must break things (and mend them). */
    public void asSuperuser(String database, String sql) {
        execute(database, sql);
    }

    private void execute(String database, String sql) {
        try (Connection connection = connect(database, 10); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    private Connection connect(String database, int timeoutSeconds) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", superuser);
        props.setProperty("password", superuserPassword);
        props.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
