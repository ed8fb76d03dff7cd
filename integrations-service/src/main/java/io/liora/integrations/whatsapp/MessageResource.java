package io.liora.integrations.whatsapp;

import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.security.Roles;
import io.liora.common.security.Scopes;
import io.liora.common.tenant.RequiresTenant;
import io.liora.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Queueing WhatsApp messages, reading the outbox, replaying failures, and delivery statuses. */
@Path("/")
@RequiresTenant
@Tag(name = "messages", description = "The WhatsApp outbox")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageService messages;
    private final DeliveryStatuses statuses;
    private final ReadReceipts receipts;
    private final TenantContext tenant;

    public MessageResource(MessageService messages, DeliveryStatuses statuses, ReadReceipts receipts,
            TenantContext tenant) {
        this.messages = messages;
        this.statuses = statuses;
        this.receipts = receipts;
        this.tenant = tenant;
    }

    @POST
    @Path("messages/read")
    @RolesAllowed(Scopes.MESSAGES_SEND)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "markMessageRead", summary = "Mark a customer's message read, with the typing indicator")
    @APIResponse(responseCode = "204", description = "Marked")
    @APIResponse(responseCode = "502", description = "Meta refused (its code and message in the problem)")
    public Uni<Response> read(@Valid @NotNull MessageDtos.ReadRequest request) {
        return receipts.markRead(tenant.clienteId(), request.phoneNumberId(), request.messageId())
                .map(done -> Response.noContent().build());
    }

    @POST
    @Path("messages")
    @RolesAllowed(Scopes.MESSAGES_SEND)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendMessage", summary = "Queue a message; the same idempotency_key queues nothing new")
    @APIResponseSchema(value = MessageDtos.Queued.class, responseCode = "202", responseDescription = "Queued (or already)")
    public Uni<Response> send(@Valid @NotNull MessageDtos.SendRequest request) {
        return messages.enqueue(tenant.clienteId(), request).map(queued -> Response.accepted(queued).build());
    }

    @POST
    @Path("messages/batch")
    @RolesAllowed(Scopes.MESSAGES_SEND)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendMessages", summary = "Queue up to 100 text or interactive messages in their order, in one "
            + "transaction; each is answered as POST /messages would answer it alone: queued, already queued under its "
            + "key, or refused with its problem (opted out, erased)")
    @APIResponseSchema(value = MessageDtos.BatchResult.class, responseCode = "200", responseDescription = "One result per message, in order")
    @APIResponse(responseCode = "400", description = "A message is invalid (each named by its place), or a template is in the batch")
    public Uni<MessageDtos.BatchResult> sendAll(@Valid @NotNull MessageDtos.SendBatch batch) {
        return messages.enqueueAll(tenant.clienteId(), batch.messages()).map(MessageDtos.BatchResult::new);
    }

    @POST
    @Path("messages/{id}/retry")
    @RolesAllowed({Scopes.MESSAGES_SEND, Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN})
    @Operation(operationId = "retryMessage", summary = "Send a failed message again (only if Meta never accepted it)")
    @APIResponseSchema(value = MessageDtos.Queued.class, responseCode = "202", responseDescription = "Queued again")
    @APIResponse(responseCode = "404", description = "No such message in this tenant")
    @APIResponse(responseCode = "409", description = "Not failed, or already accepted by Meta")
    public Uni<Response> retry(@PathParam("id") UUID id) {
        return messages.retry(tenant.clienteId(), id)
                .map(m -> Response.accepted(new MessageDtos.Queued(m.id, m.status)).build());
    }

    @GET
    @Path("clientes/{clienteId}/messages")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.OWNER, Roles.ADMIN, Roles.AGENT})
    @Operation(operationId = "listMessages", summary = "The tenant's outbound messages, newest first; filter by status")
    @APIResponseSchema(value = MessageDtos.MessagePage.class, responseCode = "200", responseDescription = "A page")
    public Uni<Page<MessageDtos.MessageView>> list(@PathParam("clienteId") UUID clienteId,
            @QueryParam("status") @Pattern(regexp = "^(queued|sent|delivered|read|failed)$",
                    message = "queued, sent, delivered, read or failed") String status,
            @Valid @BeanParam PageRequest page) {
        return messages.list(clienteId, status, page).map(p -> p.map(MessageDtos.MessageView::of));
    }

    @POST
    @Path("internal/statuses")
    @RolesAllowed(Scopes.STATUSES_WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "applyStatuses", summary = "Meta's statuses[] for this tenant's messages, applied forward only in one statement; "
            + "applied counts the messages that moved")
    @APIResponseSchema(value = MessageDtos.StatusResult.class, responseCode = "200", responseDescription = "Applied")
    public Uni<MessageDtos.StatusResult> statuses(@Valid @NotNull MessageDtos.StatusBatch batch) {
        return statuses.apply(tenant.clienteId(), batch.statuses());
    }
}
