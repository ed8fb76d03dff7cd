package io.liora.tenant.token;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks a calling service's client id and secret, in constant time. */
@ApplicationScoped
public class ServiceClients {

    private final TokenConfig config;

    public ServiceClients(TokenConfig config) {
        this.config = config;
    }

    public boolean authenticate(String clientId, String secret) {
        if (clientId == null || secret == null) {
            return false;
        }
        TokenConfig.ServiceClient client = config.clients().get(clientId);
        String expected = client == null ? null : client.secret().filter(s -> !s.isBlank()).orElse(null);
        // compare digests so neither the length nor the content of the secret leaks through timing
        boolean matches = MessageDigest.isEqual(sha256(secret), sha256(expected == null ? "" : expected));
        return expected != null && matches;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
