package io.liora.conversation.handoff;

import io.liora.common.persistence.EventLoop;
import io.liora.common.persistence.TenantTransactions;
import io.liora.common.problem.DatabaseErrors;
import io.liora.common.problem.Problem;
import io.liora.common.problem.ProblemException;
import io.liora.common.problem.ProblemType;
import io.liora.conversation.clients.IntegrationsApi;
import io.liora.conversation.clients.Refusals;
import io.liora.conversation.contact.Contact;
import io.liora.conversation.log.ConversationLog;
import io.liora.conversation.policy.BotPolicy;
import io.liora.conversation.policy.ServiceWindow;
import io.liora.conversation.state.ConvoState;
import io.liora.conversation.tenant.NumberOwners;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What staff do to a conversation: take it (exclusively: of two agents racing, one wins and the
 * other gets 409), answer in it (once per Idempotency-Key, through integrations-service's outbox,
 * only inside WhatsApp's 24-hour window) and give it back to the bot. Each step is one transaction
 * of the tenant that locks the contact's state, so concurrent steps apply one after the other.
 */
@ApplicationScoped
public class Handoffs {

    private final TenantTransactions tx;
    private final IntegrationsApi integrations;
    private final StaffDirectory staff;
    private final NumberOwners owners;
    private final HandoffMetrics metrics;

    public Handoffs(TenantTransactions tx, @RestClient IntegrationsApi integrations, @RestClient StaffDirectory staff,
            NumberOwners owners, HandoffMetrics metrics) {
        this.tx = tx;
        this.integrations = integrations;
        this.staff = staff;
        this.owners = owners;
        this.metrics = metrics;
    }

    public Uni<Void> assign(UUID clienteId, UUID contactId, Staff caller, UUID requested) {
        UUID target = requested == null ? caller.usuarioId() : requested;
        if (!target.equals(caller.usuarioId()) && !caller.manager()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "An agent takes conversations for themselves only");
        }
        Executor context = EventLoop.current();
        Uni<Void> eligible = target.equals(caller.usuarioId()) ? Uni.createFrom().voidItem() : checkStaff(clienteId, target, caller);
        return eligible.emitOn(context).chain(() -> policyOf(clienteId, contactId)).emitOn(context)
                .chain(policy -> tx.forTenant(clienteId, () -> locked(clienteId, contactId).chain(state -> {
                    if (HandoffStates.AGENT.equals(state.handoff) && target.equals(state.assignedAgent)) {
                        return Uni.createFrom().voidItem(); // already so: the same answer again
                    }
                    if (HandoffStates.AGENT.equals(state.handoff) && !caller.manager()) {
                        throw new ProblemException("already-assigned", 409, "Already assigned",
                                "Another person holds this conversation");
                    }
                    HandoffEvent event = HandoffTransitions.assign(state, target, policy.handoffIdle(), Instant.now())
                            .orElseThrow();
                    return event.persist().invoke(() -> metrics.recorded(event)).replaceWithVoid();
                })));
    }

    public Uni<Void> release(UUID clienteId, UUID contactId, Staff caller, String text, String idempotencyKey) {
        Executor context = EventLoop.current();
        return tx.forTenant(clienteId, () -> state(clienteId, contactId).map(state -> {
            mayRelease(state, caller);
            return state;
        })).chain(state -> text == null ? Uni.createFrom().voidItem()
                : send(clienteId, contactId, caller, ConversationDtos.AgentMessage.ofText(text), "release:"
                        + (idempotencyKey != null ? idempotencyKey
                        : state.handoffAt == null ? "0" : String.valueOf(state.handoffAt.toEpochMilli())), false)
                        .replaceWithVoid())
                .emitOn(context)
                .chain(() -> tx.forTenant(clienteId, () -> locked(clienteId, contactId).chain(state -> {
                    if (!HandoffStates.held(state.handoff)) {
                        return Uni.createFrom().voidItem(); // given back meanwhile (a retry, or idle)
                    }
                    mayRelease(state, caller);
                    HandoffEvent event = HandoffTransitions.release(state, caller.usuarioId(), "agent");
                    return event.persist().invoke(() -> metrics.recorded(event)).replaceWithVoid();
                })));
    }

    /** An agent's answer; the same key answers the same result and sends nothing again. */
    public Uni<ConversationDtos.AgentMessageSent> answer(UUID clienteId, UUID contactId, Staff caller,
            ConversationDtos.AgentMessage content, String idempotencyKey) {
        return send(clienteId, contactId, caller, content, "agent:" + idempotencyKey, true);
    }

    /** A conversation nobody touched for the tenant's timeout goes back to the bot. */
    public Uni<Boolean> releaseIfIdle(UUID clienteId, UUID contactId) {
        return tx.forTenant(clienteId, () -> ConvoState.<ConvoState>find("clienteId = ?1 and contactId = ?2",
                clienteId, contactId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().chain(state -> {
                    if (state == null || !HandoffStates.held(state.handoff) || state.idleReleaseAt == null
                            || state.idleReleaseAt.isAfter(Instant.now())) {
                        return Uni.createFrom().item(false);
                    }
                    HandoffEvent event = HandoffTransitions.release(state, null, "idle");
                    return event.persist().invoke(() -> metrics.recorded(event)).replaceWith(true);
                }));
    }

    private Uni<ConversationDtos.AgentMessageSent> send(UUID clienteId, UUID contactId, Staff caller,
            ConversationDtos.AgentMessage content, String key, boolean mustHold) {
        String text = content.shown();
        String logKey = contactId + ":" + key;
        Executor context = EventLoop.current();
        return tx.forTenant(clienteId, () -> ConversationLog.<ConversationLog>find(
                "clienteId = ?1 and idempotencyKey = ?2", clienteId, logKey).firstResult()
                .chain(earlier -> earlier != null ? Uni.createFrom().item(new Prepared(earlier, null, null))
                        : state(clienteId, contactId).chain(state -> Contact.<Contact>findById(contactId)
                                .map(contact -> new Prepared(null, state, contact)))))
                .chain(prepared -> {
                    if (prepared.earlier() != null) {
                        return Uni.createFrom().item(sameRequest(prepared.earlier(), text));
                    }
                    ConvoState state = prepared.state();
                    if (mustHold) {
                        holds(state, caller);
                    }
                    boolean template = content.template() != null;
                    if (!template && !ServiceWindow.open(state.lastInboundAt, Instant.now())) {
                        throw new ProblemException("window-closed", 409, "The 24-hour window has closed",
                                "WhatsApp delivers free text only within 24 hours of the customer's last message;"
                                        + " send an approved template instead: {\"template\": {\"name\": …,"
                                        + " \"language\": \"es\", \"parameters\": […]}} (GET /clientes/{id}/templates"
                                        + " at integrations-service lists them)");
                    }
                    Contact contact = prepared.contact();
                    Contact.Address address = contact.address();
                    IntegrationsApi.OutgoingMessage message = template
                            ? new IntegrationsApi.OutgoingMessage(address.to(), address.recipient(), contactId,
                                    state.phoneNumberId, "template", null, null, content.template().meta(), logKey)
                            : new IntegrationsApi.OutgoingMessage(address.to(), address.recipient(), contactId,
                                    state.phoneNumberId, "text", Map.of("body", text, "preview_url", true), null, null,
                                    logKey);
                    return integrations.send(clienteId.toString(), message)
                            .onFailure(Refusals::permanent).transform(e -> new ProblemException("send-refused", 409,
                                    "Not sent", "integrations-service refused the message (" + Refusals.status(e)
                                            + Refusals.detail(e).map(d -> ": " + d).orElse("")
                                            + "), for example because the customer opted out or the template"
                                            + " is not approved"))
                            .emitOn(context)
                            .chain(queued -> policyOf(state).emitOn(context)
                                    .chain(policy -> recordAnswer(clienteId, contactId, caller, content, logKey,
                                            queued, policy)));
                });
    }

    private record Prepared(ConversationLog earlier, ConvoState state, Contact contact) {
    }

    private Uni<ConversationDtos.AgentMessageSent> recordAnswer(UUID clienteId, UUID contactId, Staff caller,
            ConversationDtos.AgentMessage content, String logKey, IntegrationsApi.Queued queued, BotPolicy policy) {
        String text = content.shown();
        return tx.forTenant(clienteId, () -> locked(clienteId, contactId).chain(state -> {
            ConversationLog log = new ConversationLog();
            log.clienteId = clienteId;
            log.contactId = contactId;
            log.msisdn = state.msisdn;
            log.direction = "out";
            log.messageType = content.template() != null ? "template" : "text";
            log.text = text;
            log.payload = content.template() != null ? content.template().meta() : Map.of("body", text);
            log.intent = "agente";
            log.intentSource = "agent";
            log.agentId = caller.usuarioId();
            log.idempotencyKey = logKey;
            log.outboundMessageId = queued.id();
            var event = HandoffStates.AGENT.equals(state.handoff)
                    ? HandoffTransitions.agentReplied(state, caller.usuarioId(), policy.handoffIdle(), Instant.now())
                    : java.util.Optional.<HandoffEvent>empty();
            return log.persistAndFlush()
                    .chain(() -> event.isPresent() ? event.get().persist().invoke(() -> metrics.recorded(event.get()))
                            : Uni.createFrom().voidItem())
                    .map(done -> new ConversationDtos.AgentMessageSent(log.id, queued.id(), queued.status()));
        })).onFailure(DatabaseErrors::isUniqueViolation).recoverWithUni(() -> tx.forTenant(clienteId, () ->
                ConversationLog.<ConversationLog>find("clienteId = ?1 and idempotencyKey = ?2", clienteId, logKey)
                        .firstResult().map(earlier -> sameRequest(earlier, text))));
    }

    private static ConversationDtos.AgentMessageSent sameRequest(ConversationLog earlier, String text) {
        if (!text.equals(earlier.text)) {
            throw new ProblemException("idempotency-key-reused", 422, "Idempotency-Key already used",
                    "This Idempotency-Key was sent with another text; use a new key for a new message");
        }
        return new ConversationDtos.AgentMessageSent(earlier.id, earlier.outboundMessageId, "queued");
    }

    private static void holds(ConvoState state, Staff caller) {
        if (!HandoffStates.AGENT.equals(state.handoff) || !caller.usuarioId().equals(state.assignedAgent)) {
            throw new ProblemException("not-assigned", 409, "Not assigned to you",
                    "Take the conversation first (POST …/assign): the bot or another person holds it");
        }
    }

    private static void mayRelease(ConvoState state, Staff caller) {
        if (!HandoffStates.held(state.handoff)) {
            throw new ProblemException("not-held", 409, "Not held", "The bot already answers this conversation");
        }
        if (!caller.manager() && !caller.usuarioId().equals(state.assignedAgent)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "An agent gives back only the conversations they hold");
        }
    }

    private Uni<Void> checkStaff(UUID clienteId, UUID usuarioId, Staff caller) {
        return staff.user(caller.bearer(), clienteId, usuarioId)
                .onFailure(Refusals::permanent).recoverWithNull()
                .invoke(user -> {
                    if (user == null || !clienteId.equals(user.clienteId()) || !"activo".equals(user.estado())) {
                        throw ProblemException.invalid(List.of(new Problem.FieldError("agent_id", String.valueOf(usuarioId),
                                "is not an active staff user of this tenant")));
                    }
                }).replaceWithVoid();
    }

    private Uni<BotPolicy> policyOf(UUID clienteId, UUID contactId) {
        return tx.forTenant(clienteId, () -> state(clienteId, contactId)).chain(this::policyOf);
    }

    private Uni<BotPolicy> policyOf(ConvoState state) {
        if (state.phoneNumberId == null) {
            return Uni.createFrom().item(BotPolicy.defaults());
        }
        return owners.owner(state.phoneNumberId).map(owner -> owner.map(o -> BotPolicy.of(o.plan(), o.policy()))
                .orElse(BotPolicy.defaults()));
    }

    private static Uni<ConvoState> state(UUID clienteId, UUID contactId) {
        return found(ConvoState.find("clienteId = ?1 and contactId = ?2", clienteId, contactId), contactId);
    }

    /** The contact's state, locked until the transaction ends: steps on one conversation go one at a time. */
    private static Uni<ConvoState> locked(UUID clienteId, UUID contactId) {
        return found(ConvoState.find("clienteId = ?1 and contactId = ?2", clienteId, contactId)
                .withLock(LockModeType.PESSIMISTIC_WRITE), contactId);
    }

    private static Uni<ConvoState> found(PanacheQuery<ConvoState> query, UUID contactId) {
        return query.firstResult().map(state -> {
            if (state == null) {
                throw ProblemException.notFound("No conversation with contact " + contactId);
            }
            return state;
        });
    }
}
