package io.liora.conversation.handoff;

import java.util.Set;

/** Who answers a contact's conversation (convo_state.handoff). */
public final class HandoffStates {

    /** The bot answers. */
    public static final String BOT = "bot";
    /** The contact asked for a person (or the no-match backoff handed over); the bot is silent. */
    public static final String WAITING = "waiting";
    /** A person holds the conversation; the bot is silent. */
    public static final String AGENT = "agent";
    /** A person gave it back; the bot answers again. */
    public static final String CLOSED = "closed";

    public static final Set<String> ALL = Set.of(BOT, WAITING, AGENT, CLOSED);

    private HandoffStates() {
    }

    /** Whether the bot stays silent: a person has it or is about to. */
    public static boolean held(String state) {
        return WAITING.equals(state) || AGENT.equals(state);
    }
}
