package io.liora.tenant.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.liora.common.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OAuth 2.0 client-credentials grant (RFC 6749 4.4) for Liora's own services, so that they can
 * use Quarkus' OIDC client filter. Client authentication: HTTP Basic or form parameters.
 */
@Path("/oauth/token")
@Tag(name = "tokens")
public class OAuthTokenResource {

    private final ServiceClients clients;
    private final TokenIssuer issuer;

    public OAuthTokenResource(ServiceClients clients, TokenIssuer issuer) {
        this.clients = clients;
        this.issuer = issuer;
    }

    /** The token response of RFC 6749 5.1. */
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueServiceToken", summary = "Issue a short-lived service token (client credentials)")
    @APIResponse(responseCode = "200", description = "The token")
    @APIResponse(responseCode = "400", description = "Unsupported grant type")
    @APIResponse(responseCode = "401", description = "Unknown client or wrong secret")
    public TokenResponse token(@FormParam("grant_type") String grantType, @FormParam("client_id") String formClientId,
            @FormParam("client_secret") String formSecret, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!"client_credentials".equals(grantType)) {
            throw new ProblemException("unsupported-grant-type", 400, "Unsupported grant type",
                    "Only grant_type=client_credentials is supported");
        }
        String[] basic = basicCredentials(authorization);
        String clientId = basic != null ? basic[0] : formClientId;
        String secret = basic != null ? basic[1] : formSecret;
        if (!clients.authenticate(clientId, secret)) {
            throw new ProblemException("invalid-client", 401, "Invalid client", "Unknown client or wrong secret");
        }
        TokenIssuer.IssuedToken token = issuer.forService(clientId);
        return new TokenResponse(token.accessToken(), "Bearer", token.expiresIn());
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
