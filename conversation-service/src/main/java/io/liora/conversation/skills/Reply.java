package io.liora.conversation.skills;

import java.util.List;

/**
 * What a skill answers: the messages, and where the conversation goes next.
 *
 * @param messages   what to send, in order
 * @param flow       the flow to continue with the next message (e.g. {@code catalogo.buscar}), or null
 * @param step       the step in that flow (e.g. {@code term})
 * @param needsHuman whether a person should take over
 */
public record Reply(List<Outgoing> messages, String flow, String step, boolean needsHuman) {

    public static Reply of(Outgoing... messages) {
        return new Reply(List.of(messages), null, null, false);
    }

    public static Reply silence() {
        return new Reply(List.of(), null, null, false);
    }

    public Reply continuing(String flow, String step) {
        return new Reply(messages, flow, step, needsHuman);
    }

    public Reply withHuman() {
        return new Reply(messages, flow, step, true);
    }
}
