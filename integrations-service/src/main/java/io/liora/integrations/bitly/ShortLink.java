package io.liora.integrations.bitly;

import io.liora.common.persistence.LioraEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A Bitly link made for a tenant's long URL (UTM included). */
@Entity
@Table(name = "short_links")
public class ShortLink extends LioraEntity {

    @Column(name = "cliente_id", nullable = false)
    public UUID clienteId;

    @Column(name = "long_url_hash", nullable = false, length = 64)
    public String longUrlHash;

    @Column(name = "long_url", nullable = false, length = 4096)
    public String longUrl;

    @Column(name = "short_url", nullable = false)
    public String shortUrl;
}
