package io.liora.tenant.token;

import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The RS256 keys tokens are signed with, read once from {@link TokenConfig#keyDirectory()}.
 * Rotation: add the new key's file, make it {@code current-key}, and remove the old file once the
 * tokens it signed have expired; both verify meanwhile because both are in the JWKS.
 */
@ApplicationScoped
public class SigningKeys {

    private final String currentKid;
    private final Map<String, RSAPrivateCrtKey> keys;
    private final String jwks;

    public SigningKeys(TokenConfig config) {
        this.keys = Collections.unmodifiableMap(load(Path.of(config.keyDirectory())));
        this.currentKid = config.currentKey();
        if (!keys.containsKey(currentKid)) {
            throw new IllegalStateException("The current signing key '" + currentKid + "' is not among "
                    + keys.keySet() + " in " + config.keyDirectory());
        }
        this.jwks = publicJwks(keys);
    }

    public String currentKid() {
        return currentKid;
    }

    public PrivateKey current() {
        return keys.get(currentKid);
    }

    /** The public halves of every key, as a JWKS document. */
    public String jwks() {
        return jwks;
    }

    private static Map<String, RSAPrivateCrtKey> load(Path directory) {
        Map<String, RSAPrivateCrtKey> loaded = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pem")).sorted().toList()) {
                String kid = file.getFileName().toString().replaceFirst("\\.pem$", "");
                PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
                if (!(key instanceof RSAPrivateCrtKey rsa) || rsa.getModulus().bitLength() < 2048) {
                    throw new IllegalStateException("Signing key " + kid + " must be an RSA key of 2048 bits or more");
                }
                loaded.put(kid, rsa);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing keys in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A signing key in " + directory + " is not a PEM private key", e);
        }
        return loaded;
    }

    private static String publicJwks(Map<String, RSAPrivateCrtKey> keys) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            List<JsonWebKey> published = new ArrayList<>();
            for (Map.Entry<String, RSAPrivateCrtKey> entry : keys.entrySet()) {
                BigInteger modulus = entry.getValue().getModulus();
                RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                        new RSAPublicKeySpec(modulus, entry.getValue().getPublicExponent()));
                RsaJsonWebKey jwk = new RsaJsonWebKey(publicKey);
                jwk.setKeyId(entry.getKey());
                jwk.setUse("sig");
                jwk.setAlgorithm("RS256");
                published.add(jwk);
            }
            return new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the public keys", e);
        }
    }
}
