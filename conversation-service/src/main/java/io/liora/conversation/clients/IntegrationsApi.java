package io.liora.conversation.clients;

import io.liora.common.problem.Problem;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** integrations-service: sending, links, the intent fallback and delivery statuses. */
@RegisterRestClient(configKey = "integrations-service")
@OidcClientFilter
@Consumes(MediaType.APPLICATION_JSON)
public interface IntegrationsApi {

    /**
     * A reply to queue, in Meta's shape: to the customer's phone ({@code to}) or, for a username-only
     * customer, to the business-scoped user id ({@code recipient}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OutgoingMessage(String to, String recipient, UUID contactId, String phoneNumberId, String type,
            Map<String, Object> text, Map<String, Object> interactive, Map<String, Object> template,
            String idempotencyKey) {
    }

    /**
     * A contact who asked to receive nothing more: integrations-service refuses to queue messages to
     * them, except the one whose idempotency key is the confirmation's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OptOut(String phone, String bsuid, String confirmationKey) {
    }

    record Queued(UUID id, String status) {
    }

    /** Replies to queue in this order, in one transaction at integrations-service. */
    record OutgoingBatch(List<OutgoingMessage> messages) {
    }

    /** One message of a batch: queued (its id and status), or refused with the problem {@code send} would get. */
    record BatchItem(UUID id, String status, Problem problem) {
    }

    record BatchResult(List<BatchItem> results) {
    }

    /** A link to shorten and track: the URL, the UTM parameters merged into it, Bitly's title and tags. */
    record ShortenRequest(String url, String title, Utm utm, List<String> tags) {
    }

    record Utm(String source, String medium, String campaign, String content) {
    }

    record ShortenResult(String longUrl, String link, boolean shortened, String reason) {
    }

    /** A text to classify among named intents, each with a description the model reads. */
    record ClassifyRequest(String text, List<IntentOption> intents) {
    }

    record IntentOption(String name, String description) {
    }

    record Classification(String intent, double confidence, String source) {
    }

    record StatusResult(int applied, int ignored) {
    }

    /** A page of the tenant's templates, as integrations-service lists them. */
    record TemplatePage(List<Template> items) {
    }

    /**
     * A template: its Meta components, how many variables its body and header have, and the media its
     * header takes from each message (IMAGE, VIDEO, DOCUMENT, or null).
     */
    record Template(String name, String language, String category, String status, String phoneNumberId,
            List<Map<String, Object>> components, int bodyVariables, int headerVariables, String headerMedia) {
    }

    /** What finds a contact's rows besides its id (older rows carry only the address). */
    record ContactIdentifiers(List<String> phones, List<String> bsuids) {
    }

    /** What integrations-service did to erase a contact. */
    record ContactErased(int messagesRedacted, int messagesCancelled, int optOutsRemoved) {
    }

    @POST
    @Path("/messages")
    Uni<Queued> send(@HeaderParam("X-Client-ID") String tenant, OutgoingMessage message);

    /** Up to 100 text or interactive messages; one result each, in order. */
    @POST
    @Path("/messages/batch")
    Uni<BatchResult> sendAll(@HeaderParam("X-Client-ID") String tenant, OutgoingBatch batch);

    @PUT
    @Path("/internal/contacts/{contactId}/opt-out")
    Uni<Void> optOut(@HeaderParam("X-Client-ID") String tenant, @PathParam("contactId") UUID contactId, OptOut optOut);

    @DELETE
    @Path("/internal/contacts/{contactId}/opt-out")
    Uni<Void> optIn(@HeaderParam("X-Client-ID") String tenant, @PathParam("contactId") UUID contactId);

    /** Everything integrations-service holds about the contact, as one JSON object. */
    @POST
    @Path("/internal/contacts/{contactId}/export")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<String> exportContact(@HeaderParam("X-Client-ID") String tenant, @PathParam("contactId") UUID contactId,
            ContactIdentifiers identifiers);

    /** Erases it there: queued messages cancelled, sent ones redacted, the opt-out removed; idempotent. */
    @POST
    @Path("/internal/contacts/{contactId}/erasure")
    Uni<ContactErased> eraseContact(@HeaderParam("X-Client-ID") String tenant, @PathParam("contactId") UUID contactId,
            ContactIdentifiers identifiers);

    @GET
    @Path("/clientes/{clienteId}/templates")
    Uni<TemplatePage> templates(@HeaderParam("X-Client-ID") String tenant, @PathParam("clienteId") UUID clienteId,
            @QueryParam("status") String status, @QueryParam("size") int size);

    @POST
    @Path("/links/shorten")
    Uni<ShortenResult> shorten(@HeaderParam("X-Client-ID") String tenant, ShortenRequest request);

    @POST
    @Path("/nlp/classify")
    Uni<Classification> classify(@HeaderParam("X-Client-ID") String tenant, ClassifyRequest request);

    /** Meta's template webhooks (they name an account, not a tenant: no X-Client-ID). */
    @POST
    @Path("/internal/templates/events")
    Uni<Void> templateEvents(Map<String, List<Map<String, Object>>> batch);

    /**
     * A batch of Meta's status objects, {@code {"statuses": [...]}}, as JSON text: they are stored as
     * Meta sent them and forwarded as stored, not read and written again.
     */
    @POST
    @Path("/internal/statuses")
    Uni<StatusResult> statuses(@HeaderParam("X-Client-ID") String tenant, String batch);
}
