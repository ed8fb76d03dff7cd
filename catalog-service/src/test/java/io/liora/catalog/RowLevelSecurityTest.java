package io.liora.catalog;

import static io.liora.testing.RowLevelSecurityContract.assertTenantIsolated;
import static io.liora.testing.RowLevelSecurityContract.sql;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PostgreSQL keeps every tenant-scoped table of catalog-service apart, as the application role. */
@QuarkusTest
class RowLevelSecurityTest {

    @Test
    void snapshotsAreIsolated() {
        assertTenantIsolated("catalog_snapshot", RowLevelSecurityTest::snapshot);
    }

    @Test
    void activeCatalogsAreIsolated() {
        assertTenantIsolated("catalog_active", (db, tenant) -> {
            UUID snapshot = snapshot(db, tenant);
            sql(db, "insert into catalog_active (id, cliente_id, snapshot_id, version) values (gen_random_uuid(), ?, ?, 1)"
                    + " on conflict (cliente_id) do update set snapshot_id = excluded.snapshot_id", tenant, snapshot);
        });
    }

    @Test
    void ingestLogIsIsolated() {
        assertTenantIsolated("ingest_log", (db, tenant) -> sql(db,
                "insert into ingest_log (id, cliente_id, outcome) values (gen_random_uuid(), ?, 'accepted')", tenant));
    }

    @Test
    void secretsAreIsolated() {
        assertTenantIsolated("catalog_secrets", (db, tenant) -> sql(db,
                "insert into catalog_secrets (id, cliente_id, secret, secret_key_id) values (gen_random_uuid(), ?, 'c', 'k')"
                        + " on conflict (cliente_id) do nothing", tenant));
    }

    @Test
    void usedSignaturesAreIsolated() {
        assertTenantIsolated("used_signatures", (db, tenant) -> sql(db,
                "insert into used_signatures (id, cliente_id, signature, expires_at) values (gen_random_uuid(), ?, ?, now())",
                tenant, UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000"));
    }

    private static UUID snapshot(Connection db, UUID tenant) throws SQLException {
        UUID id = UUID.randomUUID();
        sql(db, "insert into catalog_snapshot (id, cliente_id, version, checksum, item_count, items)"
                + " values (?, ?, (select coalesce(max(version), 0) + 1 from catalog_snapshot where cliente_id = ?),"
                + " repeat('0', 64), 0, '[]')", id, tenant, tenant);
        return id;
    }
}
