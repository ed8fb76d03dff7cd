package io.liora.conversation;

import static io.liora.testing.RowLevelSecurityContract.assertTenantIsolated;
import static io.liora.testing.RowLevelSecurityContract.sql;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PostgreSQL keeps every tenant-scoped table of conversation-service apart, as the application role. */
@QuarkusTest
class RowLevelSecurityTest {

    @Test
    void inboundMessagesAreIsolated() {
        assertTenantIsolated("inbound_messages", (db, tenant) -> sql(db,
                "insert into inbound_messages (id, wamid, cliente_id, phone_number_id, msisdn, message_type, message, sent_at)"
                        + " values (gen_random_uuid(), ?, ?, '1000', '56911111111', 'text', '{}', now())",
                "wamid." + UUID.randomUUID(), tenant));
    }

    @Test
    void convoStateIsIsolated() {
        assertTenantIsolated("convo_state", (db, tenant) -> sql(db,
                "insert into convo_state (id, cliente_id, contact_id, msisdn) values (gen_random_uuid(), ?,"
                        + " gen_random_uuid(), ?)", tenant, "569" + (int) (Math.random() * 1e8)));
    }

    @Test
    void contactsAreIsolated() {
        assertTenantIsolated("contacts", (db, tenant) -> sql(db,
                "insert into contacts (id, cliente_id, phone, bsuid) values (gen_random_uuid(), ?, ?, ?)",
                tenant, "569" + (int) (Math.random() * 1e8), "CL." + (long) (Math.random() * 1e15)));
    }

    @Test
    void conversationLogIsIsolated() {
        assertTenantIsolated("conversation_log", (db, tenant) -> sql(db,
                "insert into conversation_log (id, cliente_id, msisdn, direction, message_type, text)"
                        + " values (gen_random_uuid(), ?, '56911111111', 'in', 'text', 'hola')", tenant));
    }

    @Test
    void pendingStatusesAreIsolated() {
        assertTenantIsolated("pending_statuses", (db, tenant) -> sql(db,
                "insert into pending_statuses (id, cliente_id, wamid, status, item) values (gen_random_uuid(), ?, ?,"
                        + " 'read', '{}')", tenant, "wamid." + UUID.randomUUID()));
    }
}
