package io.liora.catalog.publish;

import io.liora.common.crypto.SecretCipher;
import io.liora.common.persistence.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Creates and rotates a tenant's publishing secret; reads the ones currently valid. */
@ApplicationScoped
public class CatalogSecretService {

    private final TenantTransactions tx;
    private final SecretCipher cipher;
    private final CatalogConfig config;
    private final SecureRandom random = new SecureRandom();

    public CatalogSecretService(TenantTransactions tx, SecretCipher cipher, CatalogConfig config) {
        this.tx = tx;
        this.cipher = cipher;
        this.config = config;
    }

    /** A new secret, shown once; the one it replaces stays valid for the grace period. */
    public record Rotation(String secret, Instant previousValidUntil) {
        @Override
        public String toString() {
            return "Rotation[previousValidUntil=" + previousValidUntil + "]";
        }
    }

    public Uni<Rotation> rotate(UUID clienteId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "lcs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return tx.forTenant(clienteId, () -> CatalogSecret.<CatalogSecret>find("clienteId", clienteId).firstResult()
                .chain(existing -> {
                    CatalogSecret row = existing == null ? new CatalogSecret() : existing;
                    Instant previousValidUntil = null;
                    if (existing != null) {
                        row.previousSecret = existing.secret;
                        row.previousSecretKeyId = existing.secretKeyId;
                        previousValidUntil = Instant.now().plus(config.secretGrace());
                        row.previousValidUntil = previousValidUntil;
                    }
                    row.clienteId = clienteId;
                    SecretCipher.Sealed sealed = cipher.seal(secret, associatedData(clienteId));
                    row.secret = sealed.ciphertext();
                    row.secretKeyId = sealed.keyId();
                    Instant graceEnd = previousValidUntil;
                    return row.persist().replaceWith(new Rotation(secret, graceEnd));
                }));
    }

    /** The secrets a signature may be made with now: the current one, and the previous in its grace. */
    public Uni<List<String>> validSecrets(UUID clienteId) {
        return tx.forTenant(clienteId, () -> CatalogSecret.<CatalogSecret>find("clienteId", clienteId).firstResult())
                .map(row -> {
                    List<String> secrets = new ArrayList<>();
                    if (row == null) {
                        return secrets;
                    }
                    secrets.add(open(row.secretKeyId, row.secret, clienteId));
                    if (row.previousSecret != null && row.previousValidUntil != null
                            && row.previousValidUntil.isAfter(Instant.now())) {
                        secrets.add(open(row.previousSecretKeyId, row.previousSecret, clienteId));
                    }
                    return secrets;
                });
    }

    private String open(String keyId, String ciphertext, UUID clienteId) {
        return cipher.open(new SecretCipher.Sealed(keyId, ciphertext), associatedData(clienteId));
    }

    private static String associatedData(UUID clienteId) {
        return "catalog_secrets.secret:" + clienteId;
    }
}
