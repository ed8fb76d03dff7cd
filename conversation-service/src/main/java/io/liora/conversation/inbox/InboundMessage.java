package io.liora.conversation.inbox;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One message Meta delivered, stored once per business number and {@code wamid} before the webhook
 * is answered, with the contact it came from.
 */
@Entity
@Table(name = "inbound_messages")
public class InboundMessage extends LioraEntity {

    @Column(nullable = false)
    public String wamid;

    /** {@code null} while no tenant owns the number. */
    @Column(name = "cliente_id")
    public UUID clienteId;

    @Column(name = "phone_number_id", nullable = false, length = 100)
    public String phoneNumberId;

    /** The customer's phone when the webhook carried one. */
    @Column(length = 30)
    public String msisdn;

    /** The customer (see {@code contacts}); {@code null} only for messages that are never answered. */
    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "profile_name")
    public String profileName;

    @Column(name = "message_type", nullable = false, length = 30)
    public String messageType;

    /** The message object as Meta sent it. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> message;

    /** Meta's {@code timestamp}: the order in which one contact's messages are processed. */
    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    @Column(nullable = false, length = 20)
    public String status = "pending";

    @Column(nullable = false)
    public int attempts;

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "processed_at")
    public Instant processedAt;

    @Column(name = "media_id")
    public String mediaId;

    /** Until when Meta keeps the media: an agent fetches it before. */
    @Column(name = "media_expires_at")
    public Instant mediaExpiresAt;
}
