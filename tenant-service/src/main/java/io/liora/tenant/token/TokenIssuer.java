package io.liora.tenant.token;

import io.liora.common.security.LioraClaims;
import io.liora.common.security.Roles;
import io.liora.common.security.Scopes;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Mints the RS256 tokens every Liora service trusts. */
@ApplicationScoped
public class TokenIssuer {

    private final TokenConfig config;
    private final SigningKeys keys;

    public TokenIssuer(TokenConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    /** An access token and how many seconds it lives. */
    public record IssuedToken(String accessToken, long expiresIn) {
    }

    /** A staff user's or platform admin's token; {@code clienteId} is {@code null} for the latter. */
    public IssuedToken forUser(UUID usuarioId, UUID clienteId, String rol) {
        JwtClaimsBuilder claims = base(usuarioId.toString(), rol, config.userLifetime())
                .claim(LioraClaims.USUARIO_ID, usuarioId.toString());
        if (clienteId != null) {
            claims.claim(LioraClaims.CLIENTE_ID, clienteId.toString());
        }
        return sign(claims, config.userLifetime());
    }

    /** A client-credentials token for another Liora service, with that client's scopes only. */
    public IssuedToken forService(String clientId) {
        TokenConfig.ServiceClient client = config.clients().get(clientId);
        Set<String> scopes = client != null && client.scopes().isPresent() ? client.scopes().get()
                : Scopes.OF_CLIENT.getOrDefault(clientId, Set.of());
        Set<String> groups = new TreeSet<>(scopes);
        String scope = String.join(" ", groups);
        groups.add(Roles.SERVICE);
        JwtClaimsBuilder claims = base(clientId, Roles.SERVICE, config.serviceLifetime()).groups(groups)
                .claim("scope", scope);
        return sign(claims, config.serviceLifetime());
    }

    private JwtClaimsBuilder base(String subject, String rol, Duration lifetime) {
        return Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(subject)
                .claim(LioraClaims.ROL, rol)
                .groups(Set.of(rol))
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(lifetime);
    }

    private IssuedToken sign(JwtClaimsBuilder claims, Duration lifetime) {
        String token = claims.jws().keyId(keys.currentKid()).algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(keys.current());
        return new IssuedToken(token, lifetime.toSeconds());
    }
}
