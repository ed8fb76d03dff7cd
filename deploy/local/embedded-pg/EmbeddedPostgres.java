import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * PostgreSQL for deploy/local/up.sh on a machine that has only a JDK: starts an embedded server
 * (io.zonky) with its data kept in a folder, creates Liora's roles and databases as init-db.sh
 * would, prints "ready", and runs until stopped.
 *
 * Usage: java -cp <classpath> EmbeddedPostgres.java <data dir> <port> <database prefix>
 */
public class EmbeddedPostgres {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String prefix = args.length > 2 ? args[2] : "liora";
        Files.createDirectories(data);
        var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }));
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (Connection db = DriverManager.getConnection(url, "postgres", ""); Statement sql = db.createStatement()) {
            for (String role : new String[] {
                "liora_owner LOGIN PASSWORD 'liora_owner'",
                "liora_app LOGIN NOINHERIT NOBYPASSRLS PASSWORD 'liora_app'",
                "liora_cross_tenant NOLOGIN NOBYPASSRLS"}) {
                sql.execute("DO $$ BEGIN CREATE ROLE " + role + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            }
            sql.execute("GRANT liora_cross_tenant TO liora_app");
            for (String service : new String[] {"tenant", "conversation", "catalog", "integrations"}) {
                String name = prefix + "_" + service;
                try (ResultSet exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (!exists.next()) {
                        sql.execute("CREATE DATABASE " + name + " OWNER liora_owner");
                    }
                }
                try (Connection each = DriverManager.getConnection(url.replace("/postgres", "/" + name), "postgres", "");
                        Statement grants = each.createStatement()) {
                    grants.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
                    grants.execute("GRANT ALL ON SCHEMA public TO liora_owner");
                    grants.execute("GRANT USAGE ON SCHEMA public TO liora_app, liora_cross_tenant");
                }
            }
        }
        System.out.println("ready on port " + port);
        Thread.currentThread().join();
    }
}
