package io.liora.conversation;

import static io.liora.testing.RowLevelSecurityContract.assertTenantIsolated;
import static io.liora.testing.RowLevelSecurityContract.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liora.testing.TestDb;
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

    @Test
    void statusesWaitingToBeForwardedAreIsolated() {
        assertTenantIsolated("status_forwards", (db, tenant) -> sql(db,
                "with s as (insert into pending_statuses (id, cliente_id, wamid, status, item) values (gen_random_uuid(),"
                        + " ?, ?, 'read', '{}') returning id, cliente_id)"
                        + " insert into status_forwards (status_id, cliente_id) select id, cliente_id from s",
                tenant, "wamid." + UUID.randomUUID()));
    }

    @Test
    void handoffEventsAreIsolated() {
        assertTenantIsolated("handoff_events", (db, tenant) -> sql(db,
                "insert into handoff_events (id, cliente_id, contact_id, kind, reason) values (gen_random_uuid(), ?,"
                        + " gen_random_uuid(), 'requested', 'asked')", tenant));
    }

    @Test
    void replyCountsAreIsolated() {
        assertTenantIsolated("reply_counts", (db, tenant) -> sql(db,
                "insert into reply_counts (cliente_id, second, replies) values (?, date_trunc('second', now()), 1)",
                tenant));
    }

    /** The idle sweep reads every tenant's deadlines, and nothing else of a conversation. */
    @Test
    void theCrossTenantPathReadsOnlyTheDeadlinesOfConversations() throws Exception {
        UUID tenant = UUID.randomUUID();
        TestDb.update(tenant, "insert into convo_state (id, cliente_id, contact_id, msisdn, profile_name, handoff,"
                + " assigned_agent, idle_release_at) values (gen_random_uuid(), ?, gen_random_uuid(), '56977770000',"
                + " 'Ana', 'agent', gen_random_uuid(), now())", tenant);
        assertThat(TestDb.queryAcrossTenants("select contact_id, handoff, idle_release_at from convo_state"
                + " where cliente_id = ?", tenant)).hasSize(1);
        for (String column : new String[] {"msisdn", "profile_name", "slots_json", "assigned_agent"}) {
            assertThatThrownBy(() -> TestDb.queryAcrossTenants("select " + column + " from convo_state"))
                    .as(column).hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> TestDb.queryAcrossTenants("update convo_state set handoff = 'bot' returning id"))
                .hasMessageContaining("permission denied");
    }
}
