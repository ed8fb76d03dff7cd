package io.liora.common.security;

import io.liora.common.problem.ProblemException;
import io.liora.common.problem.Problems;
import io.liora.common.tenant.Caller;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A staff token tenant-service has revoked (its user demoted, deactivated, deleted, or given a new
 * password since the token was issued) is refused with 401 {@code token-revoked}, and a suspended
 * tenant's staff with 403 {@code tenant-suspended}, within seconds of the change
 * ({@link RevocationFeed}), not when the token expires.
 */
public class RevokedTokenFilter {

    private final CurrentIdentityAssociation identities;
    private final RevocationFeed feed;

    public RevokedTokenFilter(CurrentIdentityAssociation identities, RevocationFeed feed) {
        this.identities = identities;
        this.feed = feed;
    }

    /**
     * After authentication, before tenant resolution decides anything. Only requests that carry a
     * bearer token are looked at; authentication is lazy here, so the identity is asked for
     * without blocking (a token that does not verify is left to the route's own 401).
     */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 5)
    public Uni<Response> refuseRevoked(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> identity.getPrincipal() instanceof JsonWebToken jwt ? refusal(jwt, request) : null)
                .onFailure().recoverWithNull();
    }

    private Response refusal(JsonWebToken jwt, ContainerRequestContext request) {
        Caller caller = Caller.of(jwt);
        if (!Roles.TENANT_STAFF.contains(caller.rol())) {
            return null;
        }
        UUID usuario = Caller.usuarioId(jwt);
        if (usuario != null && feed.revoked(usuario, jwt.getIssuedAtTime())) {
            return Problems.response(revoked().toProblem(request.getUriInfo().getPath()));
        }
        UUID tenant = caller.clienteId() == null ? null : parse(caller.clienteId());
        if (tenant != null && feed.suspended(tenant)) {
            return Problems.response(suspended().toProblem(request.getUriInfo().getPath()));
        }
        return null;
    }

    public static ProblemException revoked() {
        return new ProblemException("token-revoked", 401, "Token revoked",
                "This token was issued before the user's role, state or password changed; log in again");
    }

    public static ProblemException suspended() {
        return new ProblemException("tenant-suspended", 403, "Tenant suspended",
                "This tenant is suspended; contact the platform's administrators");
    }

    private static UUID parse(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
