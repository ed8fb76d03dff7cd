package io.liora.tenant.token;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A staff user's tokens issued before {@link #revokedBefore} no longer work (token_revocations). */
@Entity
@Table(name = "token_revocations")
public class TokenRevocation extends LioraEntity {

    public static final String ROLE = "role";
    public static final String DEACTIVATED = "deactivated";
    public static final String DELETED = "deleted";
    public static final String PASSWORD = "password";

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "usuario_id", nullable = false)
    public UUID usuarioId;

    @Column(nullable = false, length = 20)
    public String reason;

    @Column(name = "revoked_before", nullable = false)
    public Instant revokedBefore;

    public static TokenRevocation of(UUID clienteId, UUID usuarioId, String reason) {
        TokenRevocation revocation = new TokenRevocation();
        revocation.clienteId = clienteId;
        revocation.usuarioId = usuarioId;
        revocation.reason = reason;
        revocation.revokedBefore = Instant.now();
        return revocation;
    }
}
