package io.liora.testing;

import io.liora.common.security.Roles;
import io.liora.common.security.Scopes;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.Set;
import java.util.UUID;

/**
 * Mints tokens shaped like tenant-service's, signed with the test-only key in
 * {@code liora-test-keys/privateKey.pem}. Services under test verify them with
 * {@code liora-test-keys/publicKey.pem}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://liora.test/tenant-service";
    public static final String AUDIENCE = "liora";
    public static final String KEY = "liora-test-keys/privateKey.pem";
    /** The test key's id, as tenant-service's JWKS in its tests names it. */
    public static final String KEY_ID = "liora-test-1";

    private TestTokens() {
    }

    /** A staff token ({@code owner}, {@code admin}, {@code agent}) of {@code clienteId}. */
    public static String staff(String rol, UUID clienteId) {
        UUID usuarioId = UUID.randomUUID();
        return sign(claims(rol, usuarioId.toString()).claim("usuario_id", usuarioId.toString())
                .claim("cliente_id", clienteId.toString()));
    }

    /** A staff token of this very user (to revoke it, or to tell two agents apart). */
    public static String staff(String rol, UUID clienteId, UUID usuarioId) {
        return sign(claims(rol, usuarioId.toString()).claim("usuario_id", usuarioId.toString())
                .claim("cliente_id", clienteId.toString()));
    }

    /** A staff token without {@code cliente_id}: must be refused on tenant routes. */
    public static String staffWithoutTenant(String rol) {
        return sign(claims(rol, UUID.randomUUID().toString()));
    }

    public static String platformAdmin() {
        UUID usuarioId = UUID.randomUUID();
        return sign(claims(Roles.PLATFORM_ADMIN, usuarioId.toString()).claim("usuario_id", usuarioId.toString()));
    }

    /** A service token with the scopes tenant-service gives that client ({@code Scopes.OF_CLIENT}). */
    public static String service(String clientId) {
        return service(clientId, Scopes.OF_CLIENT.getOrDefault(clientId, Set.of()));
    }

    /** A service token with exactly these scopes. */
    public static String service(String clientId, Set<String> scopes) {
        Set<String> groups = new java.util.TreeSet<>(scopes);
        groups.add(Roles.SERVICE);
        return sign(claims(Roles.SERVICE, clientId).groups(groups).claim("scope", String.join(" ", scopes)));
    }

    /** Signs with the test key, naming it in the header ({@code kid}). */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(KEY);
    }

    /** The builder with every standard claim, for tests that break one of them. */
    public static JwtClaimsBuilder claims(String rol, String subject) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("rol", rol)
                .groups(Set.of(rol)).expiresIn(300).claim("jti", UUID.randomUUID().toString());
    }
}
