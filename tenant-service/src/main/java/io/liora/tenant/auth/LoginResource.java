package io.liora.tenant.auth;

import io.liora.tenant.token.OAuthTokenResource.TokenResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Path("/auth/login")
@Tag(name = "auth")
public class LoginResource {

    private final LoginService logins;

    public LoginResource(LoginService logins) {
        this.logins = logins;
    }

    public record LoginRequest(@Schema(example = "owner@tienda-sana.cl") @NotBlank @Size(max = 254) String email,
            @Schema(example = "a long enough password") @NotBlank @Size(max = 128) String password) {

        @Override
        public String toString() {
            return "LoginRequest[email=" + email + "]";
        }
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "login", summary = "Log in with e-mail and password; returns a short-lived bearer token")
    @APIResponse(responseCode = "200", description = "The token")
    @APIResponse(responseCode = "400", description = "Invalid request (problem+json)")
    @APIResponse(responseCode = "401", description = "Wrong e-mail or password")
    @APIResponse(responseCode = "403", description = "The tenant is suspended")
    @APIResponse(responseCode = "429", description = "Too many failed logins from this source; see Retry-After")
    public Uni<TokenResponse> login(@Valid @NotNull LoginRequest credentials, @Context HttpServerRequest request) {
        // the peer's address, or a trusted proxy's X-Forwarded-For when quarkus.http.proxy says so
        String source = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return logins.login(credentials.email(), credentials.password(), source)
                .map(token -> new TokenResponse(token.accessToken(), "Bearer", token.expiresIn()));
    }
}
