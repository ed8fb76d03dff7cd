package io.liora.conversation.log;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One message said in a conversation, in either direction. */
@Entity
@Table(name = "conversation_log")
public class ConversationLog extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "contact_id")
    public UUID contactId;

    /** The contact's phone at the time, when known. */
    @Column(length = 30)
    public String msisdn;

    /** {@code in} or {@code out}. */
    @Column(nullable = false, length = 3)
    public String direction;

    @Column(name = "inbound_message_id")
    public UUID inboundMessageId;

    public String wamid;

    @Column(name = "message_type", nullable = false, length = 30)
    public String messageType;

    public String text;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> payload;

    @Column(length = 80)
    public String intent;

    @Column(length = 40)
    public String skill;

    public Double confidence;

    @Column(name = "intent_source", length = 20)
    public String intentSource;

    @Column(name = "latency_ms")
    public Integer latencyMs;

    @Column(name = "outbound_message_id")
    public UUID outboundMessageId;

    /** Why nothing was sent, when nothing was. */
    @Column(length = 100)
    public String note;

    /** The staff user who wrote it, for a person's answer. */
    @Column(name = "agent_id")
    public UUID agentId;

    /** A person's answer: the console's Idempotency-Key, unique per tenant. */
    @Column(name = "idempotency_key", length = 200)
    public String idempotencyKey;
}
