package io.liora.common.crypto;

import io.smallrye.config.ConfigMapping;
import java.util.List;

/** Keys that encrypt stored secrets (WABA tokens, catalog signing secrets). */
@ConfigMapping(prefix = "liora.crypto")
public interface CryptoConfig {

    /**
     * Every usable key as {@code <key id>:<base64 of 32 random bytes>}, comma-separated, e.g. from
     * a Kubernetes Secret: {@code LIORA_CRYPTO_KEYS=k2:...,k1:...}. Old keys stay listed until the
     * service's re-encryption has moved every row to the primary key.
     */
    List<String> keys();

    /** The key id new ciphertexts use. */
    String primaryKey();
}
