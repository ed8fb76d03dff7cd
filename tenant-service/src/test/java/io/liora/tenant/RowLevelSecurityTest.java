package io.liora.tenant;

import static io.liora.testing.RowLevelSecurityContract.assertTenantIsolated;
import static io.liora.testing.RowLevelSecurityContract.sql;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PostgreSQL keeps every tenant-scoped table of tenant-service apart, as the application role. */
@QuarkusTest
class RowLevelSecurityTest {

    @Test
    void clientesSeeOnlyThemselves() {
        assertTenantIsolated("clientes", "id", RowLevelSecurityTest::cliente);
    }

    @Test
    void usuariosAreIsolated() {
        assertTenantIsolated("usuarios", (db, tenant) -> {
            cliente(db, tenant);
            usuario(db, tenant);
        });
    }

    @Test
    void userContextsAreIsolated() {
        assertTenantIsolated("user_contexts", (db, tenant) -> {
            cliente(db, tenant);
            UUID usuario = usuario(db, tenant);
            sql(db, "insert into user_contexts (id, usuario_id, cliente_id) values (gen_random_uuid(), ?, ?)",
                    usuario, tenant);
        });
    }

    @Test
    void wabaAccountsAreIsolated() {
        assertTenantIsolated("waba_accounts", (db, tenant) -> {
            cliente(db, tenant);
            sql(db, "insert into waba_accounts (id, cliente_id, waba_id, phone_number_id, access_token, token_key_id)"
                    + " values (gen_random_uuid(), ?, 'waba', ?, 'ciphertext', 'k1')", tenant, tenant.toString());
        });
    }

    /** The row-level-security contract tries to insert a second tenant's rows; parents may exist. */
    private static void cliente(Connection db, UUID tenant) throws SQLException {
        sql(db, "insert into clientes (id, slug, nombre) values (?, ?, 'Test') on conflict do nothing",
                tenant, "t-" + tenant);
    }

    private static UUID usuario(Connection db, UUID tenant) throws SQLException {
        UUID id = UUID.randomUUID();
        sql(db, "insert into usuarios (id, cliente_id, email, password_hash, rol) values (?, ?, ?, 'x', 'agent')",
                id, tenant, id + "@example.com");
        return id;
    }
}
