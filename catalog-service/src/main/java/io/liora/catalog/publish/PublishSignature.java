package io.liora.catalog.publish;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Liora-Signature: t=<unix seconds>,v1=<hex>}, where hex is
 * HMAC-SHA256(secret, {@code "<t>."} followed by the raw body bytes), compared in constant time.
 */
final class PublishSignature {

    /** How a signature was judged. */
    enum Verdict { VALID, BAD, STALE }

    /** @param hex the {@code v1} value, lower case: the key for replay detection */
    record Checked(Verdict verdict, String hex, long timestamp) {
    }

    private PublishSignature() {
    }

    static Checked check(String header, byte[] body, List<String> secrets, Instant now, Duration tolerance) {
        Long t = null;
        String v1 = null;
        if (header != null) {
            for (String part : header.split(",")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals("t") && kv[1].matches("\\d{1,12}")) {
                    t = Long.parseLong(kv[1]);
                } else if (kv.length == 2 && kv[0].equals("v1") && kv[1].matches("[0-9a-fA-F]{64}")) {
                    v1 = kv[1].toLowerCase();
                }
            }
        }
        if (t == null || v1 == null) {
            return new Checked(Verdict.BAD, null, 0);
        }
        byte[] given = HexFormat.of().parseHex(v1);
        boolean matches = false;
        for (String secret : secrets) {
            // every candidate is computed and compared, so timing says nothing about which matched
            matches |= MessageDigest.isEqual(given, hmac(secret, t, body));
        }
        if (!matches) {
            return new Checked(Verdict.BAD, v1, t);
        }
        if (Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return new Checked(Verdict.STALE, v1, t);
        }
        return new Checked(Verdict.VALID, v1, t);
    }

    static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
