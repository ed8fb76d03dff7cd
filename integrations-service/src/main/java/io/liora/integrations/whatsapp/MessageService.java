package io.liora.integrations.whatsapp;

import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.ProblemException;
import io.liora.common.rest.Page;
import io.liora.common.rest.PageRequest;
import io.liora.common.rest.Pages;
import io.liora.integrations.optout.OptOuts;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The outbox as callers see it: queue once per idempotency key, list, replay, delivery statuses. */
@ApplicationScoped
public class MessageService {

    /** Delivery statuses only move forward. */
    private static final List<String> ORDER = List.of("queued", "sent", "delivered", "read");

    private final TenantTransactions tx;
    private final OutboxSender sender;
    private final OptOuts optOuts;

    public MessageService(TenantTransactions tx, OutboxSender sender, OptOuts optOuts) {
        this.tx = tx;
        this.sender = sender;
        this.optOuts = optOuts;
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

    /** Applies Meta's delivery statuses: forward only, duplicates and regressions ignored. */
    public Uni<MessageDtos.StatusResult> applyStatuses(UUID clienteId, List<MessageDtos.StatusUpdate> statuses) {
        return tx.forTenant(clienteId, () -> {
            Uni<int[]> chain = Uni.createFrom().item(new int[2]);
            for (MessageDtos.StatusUpdate update : statuses) {
                chain = chain.call(counts -> OutboundMessage.<OutboundMessage>find("wamid = ?1 and clienteId = ?2",
                        update.id(), clienteId).firstResult()
                        .chain(message -> message != null ? Uni.createFrom().item(message) : unrecorded(clienteId, update))
                        .invoke(message -> {
                            if (message != null && moves(message.status, update.status())) {
                                if (message.wamid == null) {
                                    message.wamid = update.id(); // sent, but its sender died before recording it
                                    message.claimedUntil = null;
                                }
                                message.status = update.status();
                                message.statusAt = update.timestamp() == null ? Instant.now()
                                        : Instant.ofEpochSecond(Long.parseLong(update.timestamp()));
                                if ("failed".equals(update.status()) && update.errors() != null
                                        && !update.errors().isEmpty()) {
                                    message.errorCode = update.errors().get(0).code();
                                    message.errorTitle = update.errors().get(0).title();
                                }
                                counts[0]++;
                            } else {
                                counts[1]++;
                            }
                        }));
            }
            return chain.map(counts -> new MessageDtos.StatusResult(counts[0], counts[1]));
        });
    }

    /**
     * A status of a message whose sender died between Meta's answer and recording it: Meta echoes
     * our id in {@code biz_opaque_callback_data}, so the queued message is found and not sent again.
     */
    private static Uni<OutboundMessage> unrecorded(UUID clienteId, MessageDtos.StatusUpdate update) {
        String data = update.bizOpaqueCallbackData();
        if (data == null || !data.startsWith(OutboxSender.CALLBACK_PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        UUID id;
        try {
            id = UUID.fromString(data.substring(OutboxSender.CALLBACK_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().nullItem();
        }
        return OutboundMessage.<OutboundMessage>find("id = ?1 and clienteId = ?2 and wamid is null", id, clienteId)
                .firstResult();
    }

    /** sent < delivered < read; failed only before delivery; nothing moves back or repeats. */
    static boolean moves(String current, String next) {
        if ("failed".equals(current) || "read".equals(current)) {
            return false;
        }
        if ("failed".equals(next)) {
            return "queued".equals(current) || "sent".equals(current);
        }
        return ORDER.indexOf(next) > ORDER.indexOf(current);
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
            } else {
                body.put("interactive", JsonMaps.of(request.interactive()));
            }
            return body;
        }
    }
}
