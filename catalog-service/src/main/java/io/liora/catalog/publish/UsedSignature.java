package io.liora.catalog.publish;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A signature that was accepted once and must not be accepted again. */
@Entity
@Table(name = "used_signatures")
public class UsedSignature extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(nullable = false, length = 64)
    public String signature;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
