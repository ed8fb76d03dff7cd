package io.liora.conversation.privacy;

import io.liora.common.rest.RequestIds;
import io.liora.common.security.Roles;
import io.liora.common.tenant.Caller;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import org.jboss.resteasy.reactive.RestMulti;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A customer's rights over their data, exercised by the tenant's owners and admins. */
@Path("/clientes/{clienteId}")
@RequiresTenant
@RolesAllowed({Roles.OWNER, Roles.ADMIN})
@Tag(name = "contacts' data", description = "Export and erasure of one contact's data, in every service")
@SecurityRequirement(name = "bearer")
public class ContactDataResource {

    /** How an erasure stands. {@code status}: running until every service has erased, then done. */
    public record ErasureView(UUID id, UUID contactId, String status, Instant requestedAt,
            Instant conversationServiceErasedAt, Instant integrationsServiceErasedAt, Instant completedAt,
            int attempts, Instant nextAttemptAt, String lastError) {

        static ErasureView of(Erasure e) {
            boolean done = Erasure.DONE.equals(e.status);
            return new ErasureView(e.id, e.contactId, e.status, e.createdAt, e.conversationDoneAt,
                    e.integrationsDoneAt, e.completedAt, e.attempts, done ? null : e.nextAttemptAt,
                    done ? null : e.lastError);
        }
    }

    private final ContactExports exports;
    private final ContactErasures erasures;
    private final ErasureWorker worker;
    private final JsonWebToken jwt;
    private final RoutingContext routing;

    public ContactDataResource(ContactExports exports, ContactErasures erasures, ErasureWorker worker,
            JsonWebToken jwt, RoutingContext routing) {
        this.exports = exports;
        this.erasures = erasures;
        this.worker = worker;
        this.jwt = jwt;
        this.routing = routing;
    }

    @GET
    @Path("/contacts/{contactId}/export")
    // streamed as text pieces of one JSON document (not a JSON array of strings); its type is set below
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "exportContact",
            summary = "Everything Liora holds about one contact, from every service, as one JSON document (recorded in the audit trail)")
    @APIResponse(responseCode = "200", description = "The document (streamed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "503", description = "A service holding part of the data could not be reached")
    public RestMulti<String> export(@PathParam("clienteId") UUID clienteId, @PathParam("contactId") UUID contactId) {
        // everything that can fail is done before the first byte: a failure is an answer, not a cut document
        return RestMulti.fromUniResponse(exports.prepare(clienteId, contactId, requester()), exports::stream,
                prepared -> Map.of("Content-Type", List.of("application/json"), "Content-Disposition",
                        List.of("attachment; filename=\"contact-" + contactId + ".json\"")));
    }

    @DELETE
    @Path("/contacts/{contactId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "eraseContact",
            summary = "Erase one contact's data in every service; answers the erasure to follow (the same one when asked again)")
    @APIResponseSchema(value = ErasureView.class, responseCode = "202", responseDescription = "Erasing (or erased); Location names the erasure")
    public Uni<Response> erase(@PathParam("clienteId") UUID clienteId, @PathParam("contactId") UUID contactId) {
        return erasures.erase(clienteId, contactId, requester())
                .invoke(erasure -> worker.wake())
                .map(erasure -> Response.accepted(ErasureView.of(erasure))
                        .location(URI.create("/clientes/" + clienteId + "/erasures/" + erasure.id)).build());
    }

    @GET
    @Path("/erasures/{erasureId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getErasure", summary = "How an erasure stands")
    @APIResponseSchema(value = ErasureView.class, responseCode = "200", responseDescription = "The erasure")
    public Uni<ErasureView> erasure(@PathParam("clienteId") UUID clienteId, @PathParam("erasureId") UUID erasureId) {
        return erasures.get(clienteId, erasureId).map(ErasureView::of);
    }

    private ContactErasures.Requester requester() {
        return new ContactErasures.Requester(Caller.usuarioId(jwt), Caller.of(jwt).rol(), RequestIds.of(routing));
    }
}
