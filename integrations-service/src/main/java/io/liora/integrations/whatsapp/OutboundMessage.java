package io.liora.integrations.whatsapp;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A WhatsApp message in the outbox, from queued to Meta's last delivery status. */
@Entity
@Table(name = "outbound_messages")
public class OutboundMessage extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "idempotency_key", nullable = false, length = 200)
    public String idempotencyKey;

    @Column(name = "phone_number_id", length = 100)
    public String phoneNumberId;

    /** Meta's {@code to} (a phone) or {@code recipient} (a BSUID): whichever the message goes to. */
    @Column(nullable = false, length = 160)
    public String recipient;

    /** conversation-service's contact, when the caller named it. */
    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "message_type", nullable = false, length = 20)
    public String messageType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> payload;

    @Column(nullable = false, length = 20)
    public String status = "queued";

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt = Instant.now();

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(unique = true)
    public String wamid;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "error_title")
    public String errorTitle;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    /** When {@link #status} last changed. */
    @Column(name = "status_at")
    public Instant statusAt;
}
