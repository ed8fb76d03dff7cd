package io.liora.catalog.publish;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant's publishing secret, encrypted, and the previous one while a rotation's grace lasts. */
@Entity
@Table(name = "catalog_secrets")
public class CatalogSecret extends LioraEntity {

    @Column(name = "cliente_id", nullable = false, unique = true)
    public UUID clienteId;

    @Column(nullable = false)
    public String secret;

    @Column(name = "secret_key_id", nullable = false)
    public String secretKeyId;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_key_id")
    public String previousSecretKeyId;

    @Column(name = "previous_valid_until")
    public Instant previousValidUntil;
}
