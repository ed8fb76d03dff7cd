package io.liora.conversation.handoff;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** One step of a handoff, kept for the tenant's figures (handoff_events). */
@Entity
@Table(name = "handoff_events")
public class HandoffEvent extends LioraEntity {

    public static final String REQUESTED = "requested";
    public static final String ASSIGNED = "assigned";
    public static final String FIRST_REPLY = "first_reply";
    public static final String RELEASED = "released";

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(nullable = false, length = 20)
    public String kind;

    @Column(length = 20)
    public String reason;

    @Column(name = "agent_id")
    public UUID agentId;

    public Integer seconds;

    public static HandoffEvent of(UUID clienteId, UUID contactId, String kind, String reason, UUID agentId,
            Integer seconds) {
        HandoffEvent event = new HandoffEvent();
        event.clienteId = clienteId;
        event.contactId = contactId;
        event.kind = kind;
        event.reason = reason;
        event.agentId = agentId;
        event.seconds = seconds;
        return event;
    }
}
