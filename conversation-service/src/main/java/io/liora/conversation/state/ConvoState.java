package io.liora.conversation.state;

import io.liora.common.persistence.LioraEntity;
import io.liora.conversation.handoff.HandoffStates;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Where one contact's conversation with one tenant stands. */
@Entity
@Table(name = "convo_state")
public class ConvoState extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    /** The contact's phone when last known (the contact holds its identifiers). */
    @Column(length = 30)
    public String msisdn;

    @Column(name = "profile_name")
    public String profileName;

    @Column(length = 50)
    public String flow;

    @Column(length = 50)
    public String step;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "slots_json", nullable = false)
    public Map<String, Object> slots = new HashMap<>();

    @Column(name = "last_intent", length = 50)
    public String lastIntent;

    /** Opens WhatsApp's 24-hour customer-service window. */
    @Column(name = "last_inbound_at")
    public Instant lastInboundAt;

    @Column(name = "nomatch_rate", nullable = false)
    public double nomatchRate = 1.0;

    @Column(name = "nomatch_credit", nullable = false)
    public double nomatchCredit;

    @Column(name = "nomatch_streak", nullable = false)
    public int nomatchStreak;

    @Column(name = "needs_human", nullable = false)
    public boolean needsHuman;

    /** Who answers: {@link HandoffStates}. */
    @Column(nullable = false, length = 10)
    public String handoff = HandoffStates.BOT;

    @Column(name = "assigned_agent")
    public UUID assignedAgent;

    @Column(name = "handoff_at")
    public Instant handoffAt;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    @Column(name = "first_human_reply_at")
    public Instant firstHumanReplyAt;

    @Column(name = "agent_seen_at")
    public Instant agentSeenAt;

    @Column(name = "idle_release_at")
    public Instant idleReleaseAt;

    /** The business number the contact last wrote to. */
    @Column(name = "phone_number_id", length = 100)
    public String phoneNumberId;
}
