package io.liora.conversation.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Hub-Signature-256: sha256=<hex>}: HMAC-SHA256 of the raw body bytes, exactly as received
 * (Meta escapes non-ASCII as \\uXXXX; re-serialised JSON would not match), with the app secret,
 * compared in constant time against every configured secret.
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    static boolean valid(String header, byte[] body, List<String> secrets) {
        if (header == null || !header.startsWith("sha256=") || header.length() != 7 + 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(7));
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean matches = false;
        for (String secret : secrets) {
            matches |= MessageDigest.isEqual(given, hmac(secret, body));
        }
        return matches;
    }

    static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
