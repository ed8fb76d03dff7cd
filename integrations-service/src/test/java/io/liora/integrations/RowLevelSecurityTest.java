package io.liora.integrations;

import static io.liora.testing.RowLevelSecurityContract.assertTenantIsolated;
import static io.liora.testing.RowLevelSecurityContract.sql;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PostgreSQL keeps the outbox of integrations-service apart by tenant, as the application role. */
@QuarkusTest
class RowLevelSecurityTest {

    @Test
    void outboundMessagesAreIsolated() {
        assertTenantIsolated("outbound_messages", (db, tenant) -> sql(db,
                "insert into outbound_messages (id, cliente_id, idempotency_key, recipient, message_type, payload)"
                        + " values (gen_random_uuid(), ?, ?, '56911111111', 'text', '{}')",
                tenant, UUID.randomUUID().toString()));
    }

    @Test
    void sendingPausesAreIsolated() {
        assertTenantIsolated("sending_pauses", (db, tenant) -> sql(db,
                "insert into sending_pauses (id, cliente_id, reason, check_after) values (gen_random_uuid(), ?, 'x', now())"
                        + " on conflict (cliente_id) do nothing", tenant));
    }

    @Test
    void optOutsAreIsolated() {
        assertTenantIsolated("opt_outs", (db, tenant) -> sql(db,
                "insert into opt_outs (id, cliente_id, contact_id, phone) values (gen_random_uuid(), ?, gen_random_uuid(),"
                        + " '56911111111')", tenant));
    }
}
