package io.liora.integrations.whatsapp;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.ProblemException;
import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.rest.Pages;
import io.liora.integrations.optout.OptOuts;
import io.liora.integrations.templates.TemplateRules;
import io.liora.integrations.templates.TemplateService;
import io.liora.integrations.templates.TemplateShape;
import io.liora.integrations.usage.UsageCaps;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The outbox as callers see it: queue once per idempotency key, list, replay. */
@ApplicationScoped
public class MessageService {

    private final TenantTransactions tx;
    private final OutboxSender sender;
    private final OptOuts optOuts;
    private final UsageCaps caps;

    public MessageService(TenantTransactions tx, OutboxSender sender, OptOuts optOuts, UsageCaps caps) {
        this.tx = tx;
        this.sender = sender;
        this.optOuts = optOuts;
        this.caps = caps;
    }

    /** Queues the message, or returns the one already queued with the same key. */
    public Uni<OutboundMessage> enqueue(UUID clienteId, MessageDtos.SendRequest request) {
        MessageRules.check(request);
        OutboundMessage message = new OutboundMessage();
        message.clienteId = clienteId;
        message.idempotencyKey = request.idempotencyKey();
        message.phoneNumberId = request.phoneNumberId();
        // Meta takes the phone when both are given
        message.recipient = request.to() != null ? request.to() : request.recipient();
        message.contactId = request.contactId();
        message.messageType = request.type();
        message.payload = MetaPayload.of(request);
        message.statusAt = Instant.now();
        return tx.forTenant(clienteId, () -> byKey(clienteId, request.idempotencyKey())
                .chain(existing -> existing != null ? Uni.createFrom().item(existing)
                        : optOuts.refuseIfOptedOut(clienteId, request.contactId(), request.to(),
                                request.recipient(), request.idempotencyKey())
                                .chain(() -> fitsItsTemplate(clienteId, request))
                                // a template is what Meta bills: it takes its place under the monthly cap
                                .chain(() -> "template".equals(request.type()) ? caps.reserveBillable(clienteId)
                                        : Uni.createFrom().voidItem())
                                .chain(() -> message.<OutboundMessage>persistAndFlush())))
                // two callers raced with the same key: the other one's row is the message
                .onFailure(DatabaseErrors::isUniqueViolation)
                .recoverWithUni(e -> tx.forTenant(clienteId, () -> byKey(clienteId, request.idempotencyKey())))
                .invoke(sender::wake);
    }

    public Uni<Page<OutboundMessage>> list(UUID clienteId, String status, PageRequest request) {
        return tx.forTenant(clienteId, () -> {
            Sort newest = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
            var query = status == null ? OutboundMessage.<OutboundMessage>find("clienteId", newest, clienteId)
                    : OutboundMessage.<OutboundMessage>find("clienteId = ?1 and status = ?2", newest, clienteId, status);
            return Pages.of(query, request);
        });
    }

    /**
     * Sends a failed message again. Only one Meta never accepted (no wamid) can be replayed, so a
     * replay never delivers a message twice.
     */
    public Uni<OutboundMessage> retry(UUID clienteId, UUID id) {
        return tx.forTenant(clienteId, () -> OutboundMessage.<OutboundMessage>find("id = ?1 and clienteId = ?2", id,
                clienteId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No message " + id + " in this tenant"))
                .invoke(message -> {
                    if (!"failed".equals(message.status) || message.wamid != null) {
                        throw new ProblemException("not-retryable", 409, "Not retryable",
                                message.wamid != null ? "Meta accepted this message already; it cannot be sent again"
                                        : "Only failed messages can be retried; this one is " + message.status);
                    }
                    message.status = "queued";
                    message.attempts = 0;
                    message.nextAttemptAt = Instant.now();
                    message.claimedUntil = null;
                    message.errorCode = null;
                    message.errorTitle = null;
                    message.statusAt = Instant.now();
                })).invoke(sender::wake);
    }

    /** A template message names an approved template of the tenant and gives each variable (and a media header) its value. */
    private static Uni<Void> fitsItsTemplate(UUID clienteId, MessageDtos.SendRequest request) {
        if (!"template".equals(request.type())) {
            return Uni.createFrom().voidItem();
        }
        MessageDtos.Template wanted = request.template();
        return TemplateService.sendable(clienteId, request.phoneNumberId(), wanted.name(), wanted.language().code())
                .invoke(template -> TemplateRules.checkParameters(TemplateShape.of(template.components()),
                        (wanted.components() == null ? List.<MessageDtos.TemplateComponent>of() : wanted.components())
                                .stream().map(c -> new TemplateRules.Parameters(c.type(), c.parameters() == null
                                        ? List.of() : c.parameters().stream().map(MessageService::parameter).toList()))
                                .toList()))
                .replaceWithVoid();
    }

    private static TemplateRules.Parameter parameter(MessageDtos.TemplateParameter given) {
        MessageDtos.Media media = given.media();
        return new TemplateRules.Parameter(given.type(), given.text(), media == null ? null : media.link(),
                media == null ? null : media.id());
    }

    private static Uni<OutboundMessage> byKey(UUID clienteId, String key) {
        return OutboundMessage.<OutboundMessage>find("clienteId = ?1 and idempotencyKey = ?2", clienteId, key)
                .firstResult();
    }

    /** Meta's request body for a message. */
    static final class MetaPayload {
        private MetaPayload() {
        }

        static Map<String, Object> of(MessageDtos.SendRequest request) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("messaging_product", "whatsapp");
            body.put("recipient_type", "individual");
            if (request.to() != null) {
                body.put("to", request.to());
            } else {
                body.put("recipient", request.recipient());
            }
            body.put("type", request.type());
            if (request.replyTo() != null) {
                body.put("context", Map.of("message_id", request.replyTo()));
            }
            if ("text".equals(request.type())) {
                Map<String, Object> text = new LinkedHashMap<>();
                text.put("body", request.text().body());
                text.put("preview_url", Boolean.TRUE.equals(request.text().previewUrl()));
                body.put("text", text);
            } else if ("template".equals(request.type())) {
                body.put("template", JsonMaps.of(request.template()));
            } else {
                body.put("interactive", JsonMaps.of(request.interactive()));
            }
            return body;
        }
    }
}
