package io.liora.common.tenant;

import io.liora.common.security.LioraClaims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as far as tenant resolution cares.
 *
 * @param rol       the {@code rol} claim, or {@code null}
 * @param clienteId the {@code cliente_id} claim, or {@code null}
 */
public record Caller(String rol, String clienteId) {

    public static Caller of(JsonWebToken jwt) {
        if (jwt == null || jwt.getRawToken() == null) {
            return new Caller(null, null);
        }
        return new Caller(claim(jwt, LioraClaims.ROL), claim(jwt, LioraClaims.CLIENTE_ID));
    }

    /** The staff user the token names ({@code usuario_id}), or {@code null} (service tokens, a malformed claim). */
    public static java.util.UUID usuarioId(JsonWebToken jwt) {
        String text = jwt == null || jwt.getRawToken() == null ? null : claim(jwt, LioraClaims.USUARIO_ID);
        try {
            return text == null ? null : java.util.UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value == null) {
            return null;
        }
        // JSON strings come back as JsonString, whose toString() is quoted
        String text = value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
        return text.isBlank() ? null : text;
    }
}
