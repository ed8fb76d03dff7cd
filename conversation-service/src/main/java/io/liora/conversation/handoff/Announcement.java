package io.liora.conversation.handoff;

import io.liora.conversation.policy.BotPolicy;
import io.liora.conversation.skills.Outgoing;
import io.liora.conversation.skills.Reply;
import java.time.Instant;

/**
 * What the bot says, once, when it hands a conversation to a person: who answers and when, by the
 * tenant's business hours (its own texts {@code handoff.in_hours} and {@code handoff.outside_hours},
 * where {@code {next_opening}} is replaced by when people next answer).
 */
public final class Announcement {

    private Announcement() {
    }

    public static Reply of(BotPolicy policy, Instant now) {
        BusinessHours hours = policy.businessHours();
        if (hours.open(now)) {
            // human.handoff: the key tenants set for this text before business hours existed
            return Reply.of(Outgoing.text(policy.text("handoff.in_hours", policy.text("human.handoff", "Listo, le pedí "
                    + "a una persona del equipo que continúe esta conversación. Te responderá por aquí en unos "
                    + "minutos 🙌")))).withHuman();
        }
        String next = hours.nextOpening(now).orElse("apenas abramos");
        return Reply.of(Outgoing.text(policy.text("handoff.outside_hours", "Listo, le pedí a una persona del equipo "
                + "que continúe esta conversación. Ahora estamos fuera de horario: te responderemos por aquí "
                + "{next_opening} 🙌").replace("{next_opening}", next))).withHuman();
    }
}
