package io.liora.catalog.publish;

import io.liora.catalog.ingest.IngestLogService;
import io.liora.catalog.ingest.IngestOutcome;
import io.liora.catalog.snapshot.CatalogDtos;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.liora.common.security.LioraClaims;
import io.liora.common.security.RevocationFeed;
import io.liora.common.security.RevokedTokenFilter;
import io.liora.common.security.Roles;
import io.liora.common.tenant.Caller;
import io.liora.common.tenant.TenantResolver;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Publishing a catalog: by an owner or admin with a bearer token, or by a machine that signs the
 * raw body with the tenant's secret ({@code X-Liora-Signature}).
 */
@Path("/clientes/{clienteId}/catalog/publish")
@Tag(name = "publish", description = "Publishing a tenant's catalog")
public class PublishResource {

    static final String SIGNATURE_HEADER = "X-Liora-Signature";

    private final PublishService publisher;
    private final IngestLogService ingestLog;
    private final CurrentIdentityAssociation identities;
    private final RevocationFeed revocations;

    public PublishResource(PublishService publisher, IngestLogService ingestLog, CurrentIdentityAssociation identities,
            RevocationFeed revocations) {
        this.publisher = publisher;
        this.ingestLog = ingestLog;
        this.identities = identities;
        this.revocations = revocations;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "publishCatalog", summary = "Publish a catalog and make it active",
            description = "Authenticate with an owner or admin bearer token, or sign the raw body: "
                    + "X-Liora-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.\" + body)>. "
                    + "The body follows GET /catalog/schema.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PublishBody.class)))
    @APIResponse(responseCode = "201", description = "A new version, now active",
            content = @Content(schema = @Schema(implementation = CatalogDtos.PublishResult.class)))
    @APIResponse(responseCode = "200", description = "Same content as the active version: nothing created",
            content = @Content(schema = @Schema(implementation = CatalogDtos.PublishResult.class)))
    @APIResponse(responseCode = "401", description = "No token, or a bad, stale or replayed signature")
    @APIResponse(responseCode = "413", description = "Over 5 MiB or 10,000 items")
    public Uni<Response> publish(@PathParam("clienteId") UUID clienteId,
            @HeaderParam(SIGNATURE_HEADER) String signature,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(LioraClaims.CLIENT_ID_HEADER) String clientHeader,
            byte[] body, @Context HttpServerRequest request) {
        byte[] raw = body == null ? new byte[0] : body;
        String source = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        Uni<CatalogDtos.PublishResult> published;
        if (authorization != null) {
            published = identities.getDeferredIdentity()
                    .onFailure().recoverWithUni(e -> refuse(clienteId, raw, "bearer", source, "invalid token",
                            new ProblemException(ProblemType.UNAUTHORIZED, "The bearer token is not valid")))
                    .chain(identity -> asPublisher(identity, clienteId, clientHeader, raw, source))
                    .chain(attempt -> publisher.publishAsUser(attempt, raw));
        } else if (signature != null && revocations.suspended(clienteId)) {
            // the tenant's own secret does not outlast its suspension either
            published = refuse(clienteId, raw, "signature", source, "tenant suspended", RevokedTokenFilter.suspended());
        } else if (signature != null) {
            published = publisher.publishSigned(new IngestLogService.Attempt(clienteId, raw.length, "signature",
                    source), raw, signature);
        } else {
            published = refuse(clienteId, raw, "anonymous", source, "no credentials", new ProblemException(
                    ProblemType.UNAUTHORIZED, "Send an owner or admin bearer token, or sign the body ("
                            + SIGNATURE_HEADER + ")"));
        }
        return published.map(result -> Response.status(result.active() ? 201 : 200).entity(result).build());
    }

    /** An owner or admin of this very tenant, or the attempt is logged and refused. */
    private Uni<IngestLogService.Attempt> asPublisher(SecurityIdentity identity, UUID clienteId, String clientHeader,
            byte[] raw, String source) {
        JsonWebToken jwt = identity.getPrincipal() instanceof JsonWebToken token ? token : null;
        Caller caller = Caller.of(jwt);
        String actor = jwt == null ? "anonymous" : "usuario:" + jwt.getSubject();
        if (jwt == null) {
            return refuse(clienteId, raw, actor, source, "no bearer token", new ProblemException(
                    ProblemType.UNAUTHORIZED, "A valid bearer token is required"));
        }
        if (!(Roles.OWNER.equals(caller.rol()) || Roles.ADMIN.equals(caller.rol()))) {
            return refuse(clienteId, raw, actor, source, "role " + caller.rol(), new ProblemException(
                    ProblemType.FORBIDDEN, "Only an owner or admin of the tenant may publish"));
        }
        try {
            TenantResolver.resolve(caller, clientHeader, clienteId.toString());
        } catch (ProblemException e) {
            return refuse(clienteId, raw, actor, source, "another tenant's token", e);
        }

        return Uni.createFrom().item(new IngestLogService.Attempt(clienteId, raw.length, actor, source));
    }

    private <T> Uni<T> refuse(UUID clienteId, byte[] raw, String actor, String source, String reason,
            ProblemException problem) {
        return ingestLog.refused(new IngestLogService.Attempt(clienteId, raw.length, actor, source),
                IngestOutcome.unauthorized, reason, null).chain(() -> Uni.createFrom().failure(problem));
    }
}
