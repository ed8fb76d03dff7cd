package io.liora.integrations.whatsapp;

import io.liora.common.persistence.TenantSql;
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
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The outbox as callers see it: queue once per idempotency key, list, replay. */
@ApplicationScoped
public class MessageService {

    /**
     * The first row says what happened: the message already queued under the key, the one queued
     * now, or the refusal ({@link OptOuts}); no row when a concurrent caller's insert won. A message
     * is created at the statement's clock, not the transaction's start: the messages of one batch
     * share a transaction, and a recipient's messages are sent in the order of their creation.
     */
    private static final String ENQUEUE_REPLY = """
            with existing as (
                select id, status from outbound_messages where cliente_id = $1 and idempotency_key = $2
            ), refusal as (
                select case when erased_at is not null then 'contact-erased' else 'opted-out' end as problem
                from opt_outs
                where cliente_id = $1 and (contact_id = $3 or phone = $4 or bsuid = $5)
                  and (erased_at is not null or confirmation_key is distinct from $2)
                limit 1
            ), queued as (
                insert into outbound_messages (id, cliente_id, idempotency_key, phone_number_id, recipient, contact_id,
                                               message_type, payload, status_at, created_at)
                select $6, $1, $2, $7, $8, $3, $9, cast(cast($10 as text) as jsonb), now(), clock_timestamp()
                where not exists (select from existing) and not exists (select from refusal)
                on conflict (cliente_id, idempotency_key) do nothing
                returning id, status)
            select 'existing', id, status from existing
            union all select 'queued', id, status from queued
            union all select problem, null, null from refusal where not exists (select from existing)""";
    /**
     * A message by its key, for a batch's messages whose insert a concurrent caller won: plain SQL, not
     * {@link #byKey}, since several of them may be read at once and a Hibernate session is one per context.
     */
    private static final String BY_KEY = "select id, status from outbound_messages where cliente_id = $1 and idempotency_key = $2";

    private final TenantTransactions tx;
    private final TenantSql sql;
    private final OutboxSender sender;
    private final ImmediateSends immediate;
    private final OptOuts optOuts;
    private final UsageCaps caps;

    public MessageService(TenantTransactions tx, TenantSql sql, OutboxSender sender, ImmediateSends immediate,
            OptOuts optOuts, UsageCaps caps) {
        this.tx = tx;
        this.sql = sql;
        this.sender = sender;
        this.immediate = immediate;
        this.optOuts = optOuts;
        this.caps = caps;
    }

    /** Queues the message, or returns the one already queued with the same key. */
    public Uni<MessageDtos.Queued> enqueue(UUID clienteId, MessageDtos.SendRequest request) {
        MessageRules.check(request);
        if ("template".equals(request.type())) {
            return enqueueTemplate(clienteId, request).map(message -> new MessageDtos.Queued(message.id, message.status))
                    .invoke(sender::wake);
        }
        return enqueueReplies(clienteId, List.of(request)).map(queued -> queued.get(0))
                .map(queued -> {
                    if (queued.refusal() != null) {
                        throw queued.refusal();
                    }
                    return new MessageDtos.Queued(queued.id(), queued.status());
                });
    }

    /**
     * Queues a batch of text and interactive messages in their order, in one transaction (one
     * statement each, pipelined): each answered as {@link #enqueue} would answer it alone, a refusal
     * (opted out, erased) as its problem.
     */
    public Uni<List<MessageDtos.BatchItem>> enqueueAll(UUID clienteId, List<MessageDtos.SendRequest> requests) {
        MessageRules.checkBatch(requests);
        return enqueueReplies(clienteId, requests)
                .map(all -> all.stream().map(queued -> queued.refusal() != null
                        ? new MessageDtos.BatchItem(null, null, queued.refusal().toProblem(null))
                        : new MessageDtos.BatchItem(queued.id(), queued.status(), null)).toList());
    }

    /**
     * One reply's fate: its message (new, {@code fresh}, or already queued under its key), or why it
     * was refused.
     */
    private record Enqueued(UUID id, String status, ProblemException refusal, boolean fresh) {
    }

    /** The transaction's outcome: each reply's fate, and the new messages it claimed to send at once. */
    private record Queued(List<Enqueued> outcomes, List<OutboxSender.Claimed> claimed) {

        /** Whether some new message stays queued for the sender's rounds. */
        boolean leftQueued() {
            return outcomes.stream().filter(o -> o != null && o.fresh()).count() > claimed.size();
        }
    }

    /**
     * Text and interactive messages (the bot's replies, an agent's answers), each in one statement: queued
     * under its key unless one is already, or the contact opted out (all but its confirmation) or was
     * erased. A concurrent caller with the same key that won the insert is read back. The new ones
     * that can go at once are claimed by the same transaction and sent after it commits
     * ({@link ImmediateSends}); the sender's rounds are woken for the others, once those are sent.
     */
    private Uni<List<Enqueued>> enqueueReplies(UUID clienteId, List<MessageDtos.SendRequest> requests) {
        List<Tuple> values = requests.stream().map(request -> Tuple.tuple().addUUID(clienteId)
                .addString(request.idempotencyKey()).addUUID(request.contactId())
                .addString(request.to()).addString(request.recipient()).addUUID(UUID.randomUUID())
                .addString(request.phoneNumberId())
                // Meta takes the phone when both are given
                .addString(request.to() != null ? request.to() : request.recipient())
                .addString(request.type()).addString(JsonMaps.text(MetaPayload.of(request)))).toList();
        return queueAndClaim(clienteId, values)
                .chain(outcomes -> {
                    List<Uni<Enqueued>> each = new ArrayList<>();
                    for (int i = 0; i < outcomes.size(); i++) {
                        String key = requests.get(i).idempotencyKey();
                        each.add(outcomes.get(i) != null ? Uni.createFrom().item(outcomes.get(i))
                                : sql.forTenant(clienteId, BY_KEY, Tuple.of(clienteId, key)).map(rows -> {
                                    Row row = rows.iterator().next();
                                    return new Enqueued(row.getUUID(0), row.getString(1), null, false);
                                }));
                    }
                    return Uni.join().all(each).andFailFast();
                });
    }

    /**
     * The transaction that queues the replies and claims those that can go at once, and what
     * follows its commit (the claimed sent, the unused places given back, the rounds woken for the
     * rest). It runs to its end even when the caller stops waiting (a client that hung up): what it
     * claimed is sent all the same, and no place stays taken.
     */
    private Uni<List<Enqueued>> queueAndClaim(UUID clienteId, List<Tuple> values) {
        return Uni.createFrom().emitter(answer -> {
            int places = immediate.reserve(values.size());
            sql.forTenant(clienteId, connection -> connection.preparedQuery(ENQUEUE_REPLY).executeBatch(values)
                            .map(MessageService::outcomes)
                            .compose(outcomes -> immediate.claim(connection, outcomes.stream()
                                            .filter(o -> o != null && o.fresh()).map(Enqueued::id).toList(), places)
                                    .map(claimed -> new Queued(outcomes, claimed))))
                    .subscribe().with(queued -> {
                        immediate.release(places - queued.claimed().size());
                        // the caller's answer waits for none of these sends
                        immediate.send(queued.claimed()).subscribe().with(sent -> {
                            if (queued.leftQueued()) {
                                sender.wake();
                            }
                        });
                        answer.complete(queued.outcomes());
                    }, failure -> {
                        immediate.release(places);
                        answer.fail(failure);
                    });
        });
    }

    /** Each statement's first row, in the batch's order; {@code null} where a concurrent insert won. */
    private static List<Enqueued> outcomes(RowSet<Row> results) {
        List<Enqueued> outcomes = new ArrayList<>();
        for (RowSet<Row> result = results; result != null; result = result.next()) {
            RowIterator<Row> rows = result.iterator();
            if (!rows.hasNext()) {
                outcomes.add(null);
                continue;
            }
            Row row = rows.next();
            String outcome = row.getString(0);
            boolean erased = OptOuts.ERASED_PROBLEM_TYPE.equals(outcome);
            outcomes.add(erased || OptOuts.PROBLEM_TYPE.equals(outcome)
                    ? new Enqueued(null, null, OptOuts.refusal(erased), false)
                    : new Enqueued(row.getUUID(1), row.getString(2), null, "queued".equals(outcome)));
        }
        return outcomes;
    }

    private Uni<OutboundMessage> enqueueTemplate(UUID clienteId, MessageDtos.SendRequest request) {
        OutboundMessage message = new OutboundMessage();
        message.clienteId = clienteId;
        message.idempotencyKey = request.idempotencyKey();
        message.phoneNumberId = request.phoneNumberId();
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
                                .chain(() -> caps.reserveBillable(clienteId))
                                .chain(() -> message.<OutboundMessage>persistAndFlush())))
                // two callers raced with the same key: the other one's row is the message
                .onFailure(DatabaseErrors::isUniqueViolation)
                .recoverWithUni(e -> tx.forTenant(clienteId, () -> byKey(clienteId, request.idempotencyKey())));
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
