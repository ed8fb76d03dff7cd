package io.liora.common;

import io.liora.testing.RowLevelSecurityContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The shared migration functions give a table the isolation the contract expects. */
@QuarkusTest
class ProbeNotesRowLevelSecurityTest {

    @Test
    void probeNotesAreIsolatedByTenant() {
        RowLevelSecurityContract.assertTenantIsolated("probe_notes", (db, tenant) -> {
            try (var insert = db.prepareStatement(
                    "insert into probe_notes (id, cliente_id, text) values (gen_random_uuid(), ?, 'x')")) {
                insert.setObject(1, tenant);
                insert.executeUpdate();
            }
        });
    }
}
