package io.liora.conversation.skills;

import io.smallrye.mutiny.Uni;

/** A capability the bot offers: it answers the intents it handles. */
public interface Skill {

    boolean handles(String intent);

    Uni<Reply> reply(Turn turn);
}
