package io.liora.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives each Quarkus test run a database of its own on the test PostgreSQL server (see
 * {@link TestPostgres}): Flyway migrates it as the owner role, the service connects as the
 * application role, exactly as in production. The database is dropped when the run ends
 * ({@code LIORA_TEST_KEEP_DB=true} keeps it for a post-mortem).
 *
 * <p>Init arg {@code database}: the name prefix, e.g. {@code liora_tenant}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private TestPostgres server;
    private String database;
    private String prefix = "liora";

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix);
    }

    @Override
    public Map<String, String> start() {
        server = TestPostgres.server();
        database = server.createDatabase(prefix);
        return Map.of(
                "quarkus.datasource.reactive.url", server.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", TestPostgres.APP,
                "quarkus.datasource.password", TestPostgres.APP_PASSWORD,
                "quarkus.flyway.username", TestPostgres.OWNER,
                "quarkus.flyway.password", TestPostgres.OWNER_PASSWORD,
                "liora.test.database.owner-password", TestPostgres.OWNER_PASSWORD);
    }

    @Override
    public void stop() {
        if (server != null && database != null && !"true".equalsIgnoreCase(System.getenv("LIORA_TEST_KEEP_DB"))) {
            server.dropDatabase(database);
        }
    }
}
