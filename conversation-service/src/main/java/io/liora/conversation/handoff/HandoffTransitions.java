package io.liora.conversation.handoff;

import io.liora.conversation.state.ConvoState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * How a conversation moves between the bot and a person (see {@link HandoffStates}); each move
 * answers the event it leaves for the tenant's figures. Pure: the caller persists state and event
 * in its transaction.
 */
public final class HandoffTransitions {

    private HandoffTransitions() {
    }

    /**
     * A customer message was processed. A held conversation stays held (the customer's message keeps
     * it from idling out); a turn that handed over makes it wait for a person; a closed one is the bot's again.
     *
     * @param handsOver whether this turn asked for a person
     * @param reason    {@code asked} (the customer) or {@code backoff}
     */
    public static Optional<HandoffEvent> inbound(ConvoState state, boolean handsOver, String reason, Duration idle,
            Instant now) {
        if (HandoffStates.held(state.handoff)) {
            state.idleReleaseAt = now.plus(idle);
            return Optional.empty();
        }
        if (handsOver) {
            state.handoff = HandoffStates.WAITING;
            state.handoffAt = now;
            state.assignedAgent = null;
            state.assignedAt = null;
            state.firstHumanReplyAt = null;
            state.agentSeenAt = null;
            state.idleReleaseAt = now.plus(idle);
            return Optional.of(event(state, HandoffEvent.REQUESTED, reason, null, null));
        }
        if (HandoffStates.CLOSED.equals(state.handoff)) {
            state.handoff = HandoffStates.BOT;
        }
        return Optional.empty();
    }

    /** A person takes the conversation (from the bot too: that is a handoff the staff started). */
    public static Optional<HandoffEvent> assign(ConvoState state, UUID agent, Duration idle, Instant now) {
        boolean fromBot = !HandoffStates.held(state.handoff);
        if (fromBot) {
            state.handoffAt = now;
            state.firstHumanReplyAt = null;
        }
        state.handoff = HandoffStates.AGENT;
        state.assignedAgent = agent;
        state.assignedAt = now;
        state.agentSeenAt = now;
        state.needsHuman = true;
        state.idleReleaseAt = now.plus(idle);
        return Optional.of(event(state, HandoffEvent.ASSIGNED, fromBot ? "agent" : null, agent, null));
    }

    /** The person holding the conversation wrote to the customer; the first time, how long it took. */
    public static Optional<HandoffEvent> agentReplied(ConvoState state, UUID agent, Duration idle, Instant now) {
        state.agentSeenAt = now;
        state.idleReleaseAt = now.plus(idle);
        if (state.firstHumanReplyAt != null) {
            return Optional.empty();
        }
        state.firstHumanReplyAt = now;
        Instant since = state.handoffAt == null ? now : state.handoffAt;
        return Optional.of(event(state, HandoffEvent.FIRST_REPLY, null, agent,
                (int) Math.max(0, Duration.between(since, now).toSeconds())));
    }

    /** Back to the bot: by a person ({@code agent}) or because nobody wrote for the tenant's timeout ({@code idle}). */
    public static HandoffEvent release(ConvoState state, UUID by, String reason) {
        UUID holder = state.assignedAgent;
        state.handoff = HandoffStates.CLOSED;
        state.assignedAgent = null;
        state.idleReleaseAt = null;
        state.needsHuman = false;
        // the bot starts afresh: no flow half-way, no backoff left over from before the person
        state.flow = null;
        state.step = null;
        state.nomatchRate = 1.0;
        state.nomatchCredit = 0;
        state.nomatchStreak = 0;
        return event(state, HandoffEvent.RELEASED, reason, by != null ? by : holder, null);
    }

    private static HandoffEvent event(ConvoState state, String kind, String reason, UUID agent, Integer seconds) {
        return HandoffEvent.of(state.clienteId, state.contactId, kind, reason, agent, seconds);
    }
}
