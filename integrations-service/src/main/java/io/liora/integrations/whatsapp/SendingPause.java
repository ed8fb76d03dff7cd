package io.liora.integrations.whatsapp;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant whose messages wait: Meta rejected its token, and the tenant must rotate it. */
@Entity
@Table(name = "sending_pauses")
public class SendingPause extends LioraEntity {

    @Column(name = "cliente_id", nullable = false, unique = true)
    public UUID clienteId;

    @Column(nullable = false)
    public String reason;

    /** When the sender next asks tenant-service whether the token was rotated. */
    @Column(name = "check_after", nullable = false)
    public Instant checkAfter;
}
