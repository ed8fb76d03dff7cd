package io.liora.conversation.privacy;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One contact's erasure, tracked until every service has done its part (see V7__contact_data_rights.sql). */
@Entity
@Table(name = "erasures")
public class Erasure extends LioraEntity {

    public static final String RUNNING = "running";
    public static final String DONE = "done";

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(nullable = false, length = 20)
    public String status = RUNNING;

    /** {@link io.liora.conversation.clients.IntegrationsApi.ContactIdentifiers} as JSON, until integrations-service has erased by them. */
    public String identifiers;

    @Column(name = "requested_by")
    public UUID requestedBy;

    @Column(name = "requested_role", nullable = false, length = 30)
    public String requestedRole;

    @Column(name = "request_id", length = 100)
    public String requestId;

    @Column(name = "conversation_done_at", nullable = false)
    public Instant conversationDoneAt;

    @Column(name = "integrations_done_at")
    public Instant integrationsDoneAt;

    @Column(name = "requested_audited_at")
    public Instant requestedAuditedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "completed_audited_at")
    public Instant completedAuditedAt;

    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt = Instant.now();

    @Column(name = "last_error", length = 300)
    public String lastError;
}
