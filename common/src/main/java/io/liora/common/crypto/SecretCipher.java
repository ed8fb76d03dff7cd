package io.liora.common.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest. Each ciphertext is {@code base64(nonce || ciphertext+tag)} with
 * a random 96-bit nonce, stored beside the id of the key that made it; the caller's associated
 * data (the owning tenant's id) is authenticated too, so a ciphertext copied into another tenant's
 * row does not decrypt.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A ciphertext and the key it was made with. */
    public record Sealed(String keyId, String ciphertext) {
    }

    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final String primaryKey;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(CryptoConfig config) {
        for (String entry : config.keys()) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("liora.crypto.keys entries are <key id>:<base64 key>");
            }
            byte[] key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            if (key.length != 32) {
                throw new IllegalStateException("Key " + entry.substring(0, colon) + " must be 32 bytes (AES-256)");
            }
            keys.put(entry.substring(0, colon).trim(), new SecretKeySpec(key, "AES"));
        }
        this.primaryKey = config.primaryKey();
        if (!keys.containsKey(primaryKey)) {
            throw new IllegalStateException("The primary key '" + primaryKey + "' is not in liora.crypto.keys");
        }
    }

    public String primaryKeyId() {
        return primaryKey;
    }

    public Sealed seal(String plaintext, String associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(primaryKey), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(primaryKey, Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** @throws UnreadableSecretException when the key is gone, or data or associated data were altered */
    public String open(Sealed sealed, String associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new UnreadableSecretException("The key " + sealed.keyId() + " is no longer configured");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableSecretException("The secret does not decrypt: altered, or not this row's");
        }
    }

    /** A stored secret that cannot be decrypted. */
    public static class UnreadableSecretException extends RuntimeException {
        public UnreadableSecretException(String message) {
            super(message);
        }
    }
}
