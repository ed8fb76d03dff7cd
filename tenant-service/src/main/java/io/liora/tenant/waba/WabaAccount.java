package io.liora.tenant.waba;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant's WhatsApp Business Account and phone number, with its encrypted Graph API token. */
@Entity
@Table(name = "waba_accounts")
public class WabaAccount extends LioraEntity {

    public static final String ACTIVO = "activo";
    public static final String INACTIVO = "inactivo";
    public static final String NEEDS_REAUTH = "needs_reauth";

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "waba_id", nullable = false, length = 100)
    public String wabaId;

    @Column(name = "phone_number_id", nullable = false, unique = true, length = 100)
    public String phoneNumberId;

    /** AES-256-GCM ciphertext (Base64), never the token. */
    @Column(name = "access_token", nullable = false)
    public String accessTokenCiphertext;

    @Column(name = "token_key_id", nullable = false, length = 50)
    public String tokenKeyId;

    @Column(name = "token_last4", length = 4)
    public String tokenLast4;

    @Column(name = "webhook_url", length = 255)
    public String webhookUrl;

    @Column(name = "expiracion_token")
    public Instant expiracionToken;

    @Column(nullable = false, length = 20)
    public String estado = ACTIVO;
}
