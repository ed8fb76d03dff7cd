package io.liora.conversation.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash that stands for an erased person's identifier: HMAC-SHA256 of tenant, kind and
 * value. Without the key nobody can test a phone number against the tombstones, and the hash
 * differs per tenant, so tombstones say nothing across tenants.
 */
@ApplicationScoped
public class Tombstones {

    public static final String PHONE = "phone";
    public static final String BSUID = "bsuid";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public Tombstones(PrivacyConfig config) {
        if (config.tombstoneKey().length() < 16) {
            throw new IllegalStateException("liora.privacy.tombstone-key must have at least 16 characters");
        }
        this.key = new SecretKeySpec(config.tombstoneKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The hash of one identifier, or {@code null} for none. */
    public String hash(UUID clienteId, String kind, String value) {
        if (clienteId == null || value == null || value.isBlank()) {
            return null;
        }
        Mac mac = macs.get();
        byte[] digest = mac.doFinal((clienteId + "|" + kind + "|" + value).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
