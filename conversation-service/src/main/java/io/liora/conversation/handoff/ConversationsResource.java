package io.liora.conversation.handoff;

import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import io.liora.common.rest.Keyset;
import io.liora.common.rest.QueryInstants;
import io.liora.common.security.Roles;
import io.liora.common.tenant.RequiresTenant;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The agent inbox: the tenant's conversations, a contact's transcript, and a person taking one
 * over, answering and giving it back. Owners and admins manage every conversation; an agent takes,
 * answers and gives back its own.
 */
@Path("/clientes/{clienteId}/conversations")
@RequiresTenant
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "conversations", description = "The agent inbox: conversations, transcripts, human handoff")
@SecurityRequirement(name = "bearer")
public class ConversationsResource {

    private static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(20);
    private static final String KEY = "^[\\x21-\\x7e]{1,100}$";

    private final ConversationQueries queries;
    private final Handoffs handoffs;
    private final HandoffFigures figures;
    private final ConversationEvents events;
    private final JsonWebToken jwt;
    private final ApprovedTemplates approvedTemplates;

    public ConversationsResource(ConversationQueries queries, Handoffs handoffs, HandoffFigures figures,
            ConversationEvents events, JsonWebToken jwt, ApprovedTemplates approvedTemplates) {
        this.events = events;
        this.approvedTemplates = approvedTemplates;
        this.queries = queries;
        this.handoffs = handoffs;
        this.figures = figures;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.AGENT, Roles.PLATFORM_ADMIN})
    @Operation(operationId = "listConversations", summary = "The tenant's conversations, newest activity first",
            description = "One row per contact. Filter by state (bot, waiting, agent, closed) and by who holds it"
                    + " (assigned_to=me, or a staff user's id); pass next_cursor as cursor for the next page.")
    public Uni<ConversationDtos.ConversationPage> list(@PathParam("clienteId") UUID clienteId,
            @QueryParam("state") @Pattern(regexp = "^(bot|waiting|agent|closed)$", message = "bot, waiting, agent or closed")
            String state,
            @QueryParam("assigned_to") @Pattern(regexp = "^(me|[0-9a-fA-F-]{36})$", message = "me or a user id")
            String assignedTo,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        UUID agent = assignedTo == null ? null : "me".equals(assignedTo) ? me().usuarioId() : uuid(assignedTo);
        return queries.list(clienteId, new ConversationQueries.Filter(state, agent, Keyset.decode(cursor, "cursor"),
                limit));
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.AGENT, Roles.PLATFORM_ADMIN})
    @Operation(operationId = "conversationEvents", summary = "Live: new messages, handoff changes and delivery statuses",
            description = "Server-sent events, ids only (read the conversation or transcript for the rest); a comment"
                    + " line (kind heartbeat) every 20 s keeps proxies from closing a quiet stream. After a reconnection, reload the list.")
    public Multi<ConversationEvents.ConversationEvent> events(@PathParam("clienteId") UUID clienteId) {
        return Multi.createBy().merging().streams(events.of(clienteId),
                Multi.createFrom().ticks().every(HEARTBEAT).map(tick -> new ConversationEvents.ConversationEvent(
                        clienteId, "heartbeat", null)));
    }

    @GET
    @Path("/metrics")
    @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.PLATFORM_ADMIN})
    @Operation(operationId = "handoffMetrics", summary = "Handoffs, time to the first human answer, releases, by agent")
    public Uni<HandoffFigures.Figures> metrics(@PathParam("clienteId") UUID clienteId,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return figures.of(clienteId, QueryInstants.parse("from", from), QueryInstants.parse("to", to));
    }

    @GET
    @Path("/templates")
    @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.AGENT})
    @Operation(operationId = "listConversationTemplates",
            summary = "The approved templates an agent can send, e.g. after the 24-hour window has closed")
    public Uni<List<ConversationDtos.TemplateOption>> templates(@PathParam("clienteId") UUID clienteId) {
        return approvedTemplates.of(clienteId);
    }

    @GET
    @Path("/{contactId}")
    @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.AGENT, Roles.PLATFORM_ADMIN})
    @Operation(operationId = "conversationTranscript", summary = "A contact's conversation and its messages, newest first",
            description = "Inbound and outbound, answers with their delivery status; next_cursor goes further back.")
    public Uni<ConversationDtos.Transcript> transcript(@PathParam("clienteId") UUID clienteId,
            @PathParam("contactId") UUID contactId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return queries.transcript(clienteId, contactId, cursor, limit);
    }

    @POST
    @Path("/{contactId}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.AGENT})
    @Operation(operationId = "assignConversation", summary = "Take a conversation (or give it to an agent): the bot goes silent",
            description = "Without agent_id, to the caller. Owners and admins may name an active staff user of the"
                    + " tenant, and take a conversation from another agent; an agent gets 409 when someone holds it.")
    @APIResponse(responseCode = "200", description = "The conversation, now held")
    public Uni<ConversationDtos.ConversationSummary> assign(@PathParam("clienteId") UUID clienteId,
            @PathParam("contactId") UUID contactId, ConversationDtos.AssignRequest request) {
        return handoffs.assign(clienteId, contactId, me(), request == null ? null : request.agentId())
                .chain(() -> queries.one(clienteId, contactId));
    }

    @POST
    @Path("/{contactId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.AGENT})
    @Operation(operationId = "sendAgentMessage", summary = "Answer the customer as the person holding the conversation",
            description = "Sent once per Idempotency-Key through the outbox. A text only within the 24-hour window "
                    + "(409 window-closed after it); an approved template at any time.")
    @APIResponse(responseCode = "202", description = "Queued; its delivery status shows in the transcript",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConversationDtos.AgentMessageSent.class)))
    public Uni<Response> answer(@PathParam("clienteId") UUID clienteId, @PathParam("contactId") UUID contactId,
            @Parameter(required = true, description = "A new key per message (a UUID, say); the same key sends nothing again")
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Valid ConversationDtos.AgentMessage message) {
        if (idempotencyKey == null || !idempotencyKey.matches(KEY)) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("Idempotency-Key", null,
                    "is required: 1 to 100 visible ASCII characters, a new one per message (a UUID, say)")));
        }
        if (message == null || (message.text() == null) == (message.template() == null)) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("text", null,
                    "either a text or a template is required, not both")));
        }
        return handoffs.answer(clienteId, contactId, me(), message, idempotencyKey)
                .map(sent -> Response.accepted(sent).build());
    }

    @POST
    @Path("/{contactId}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OWNER, Roles.ADMIN, Roles.AGENT})
    @Operation(operationId = "releaseConversation", summary = "Give the conversation back to the bot, with an optional last text")
    public Uni<ConversationDtos.ConversationSummary> release(@PathParam("clienteId") UUID clienteId,
            @PathParam("contactId") UUID contactId, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid ConversationDtos.ReleaseRequest request) {
        if (idempotencyKey != null && !idempotencyKey.matches(KEY)) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("Idempotency-Key", null,
                    "1 to 100 visible ASCII characters")));
        }
        return handoffs.release(clienteId, contactId, me(), request == null ? null : request.text(), idempotencyKey)
                .chain(() -> queries.one(clienteId, contactId));
    }

    private Staff me() {
        Staff staff = Staff.of(jwt);
        if (staff.usuarioId() == null) {
            throw new ProblemException(io.liora.common.problem.ProblemType.FORBIDDEN, "This token names no staff user");
        }
        return staff;
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("assigned_to", value, "me or a user id")));
        }
    }
}
