package io.liora.conversation.processing;

import io.liora.common.persistence.EventLoop;
import io.liora.conversation.contact.Contact;
import io.liora.conversation.handoff.Announcement;
import io.liora.conversation.handoff.HandoffStates;
import io.liora.conversation.inbox.InboundMessage;
import io.liora.conversation.policy.BotPolicy;
import io.liora.conversation.policy.ServiceWindow;
import io.liora.conversation.router.Intent;
import io.liora.conversation.router.NoMatchBackoff;
import io.liora.conversation.router.Router;
import io.liora.conversation.skills.Outgoing;
import io.liora.conversation.skills.Reply;
import io.liora.conversation.skills.Skill;
import io.liora.conversation.skills.Turn;
import io.liora.conversation.skills.media.MediaReplies;
import io.liora.conversation.skills.menu.MenuSkill;
import io.liora.conversation.skills.reciclaje.ReciclajeSkill;
import io.liora.conversation.skills.reciclaje.RecyclingPoints;
import io.liora.conversation.state.ConvoState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * What the bot does with one customer message, in this order: the customer's consent (an
 * opted-out contact gets nothing but the answer to "alta"; "baja" opts out), then the message's
 * kind (reactions and system messages are logged and never answered; media, contact cards,
 * locations and unsupported messages get their short answer and never count as a no-match), then
 * whether a person holds the conversation (the bot then stays silent), then the router and the skill
 * (a hesitant understanding asks "¿Quisiste decir…?" once, then falls back like a miss: the menu at
 * the backoff's pace; asking for a person, or missing too often in a row, hands over with one
 * announcement), then
 * WhatsApp's 24-hour window and the tenant's reply cap.
 */
@ApplicationScoped
public class TurnDecider {

    /** Kinds the bot takes note of and never answers. */
    private static final Set<String> SILENT = Set.of("reaction", "system", "ephemeral", "revoked", "deleted");

    /** Whether this turn changes the customer's consent. */
    public enum ConsentChange { NONE, OPT_OUT, OPT_IN }

    /** What processing decided. */
    public record Outcome(Intent intent, Reply reply, NoMatchBackoff.State backoff, String note, ConsentChange consent) {

        Outcome silenced(String why) {
            return new Outcome(intent, Reply.silence(), backoff, why, consent);
        }

        /** The same outcome, with why not all of it was sent. */
        Outcome noted(String why) {
            return new Outcome(intent, reply, backoff, why, consent);
        }
    }

    /**
     * The message, its contact and where their conversation stands, as processing began;
     * {@code storedState} is the state's row as text ({@code null} when there was none yet), which
     * tells the turn's record whether the state changed meanwhile ({@link TurnRecords});
     * {@code allowance} is what the turn holds under the tenant's reply cap ({@link ReplyCap}).
     */
    public record Work(InboundMessage message, Contact contact, ConvoState state, boolean firstContact,
            String storedState, ReplyCap.Allowance allowance) {
    }

    /** The tenant as the number's owner describes it. */
    public record Tenant(String slug, BotPolicy policy) {
    }

    private final Router router;
    private final Instance<Skill> skills;
    private final MenuSkill menu;
    private final ReplyCap cap;

    public TurnDecider(Router router, Instance<Skill> skills, MenuSkill menu, ReplyCap cap) {
        this.router = router;
        this.skills = skills;
        this.menu = menu;
        this.cap = cap;
    }

    public Uni<Outcome> decide(UUID clienteId, Tenant owner, Work work) {
        Executor eventLoop = EventLoop.current();
        BotPolicy policy = owner.policy();
        InboundMessage message = work.message();
        String type = message.messageType;
        String text = MessageContent.text(message.message);
        NoMatchBackoff.State backoff = new NoMatchBackoff.State(work.state().nomatchRate, work.state().nomatchCredit,
                work.state().nomatchStreak);

        if (work.contact().optedOut()) {
            if (policy.consent().optsIn(text)) {
                return limited(clienteId, policy, work, new Outcome(Intent.rule(Intent.OPT_IN, null, "keyword"),
                        Reply.of(Outgoing.text(policy.text("opt_in.confirmation", "¡Qué bueno tenerte de vuelta! 🙌 "
                                + "Volverás a recibir nuestras respuestas. Escribe *menú* para ver las opciones."))),
                        backoff, null, ConsentChange.OPT_IN));
            }
            // the customer asked for silence: every message is still kept and logged
            return Uni.createFrom().item(new Outcome(kindIntent(type), Reply.silence(), backoff, "opted_out",
                    ConsentChange.NONE));
        }
        if (SILENT.contains(type)) {
            return Uni.createFrom().item(new Outcome(kindIntent(type), Reply.silence(), backoff, type,
                    ConsentChange.NONE));
        }
        if (policy.consent().optsOut(text)) {
            // answered even past the reply cap: it is the last message this customer gets
            Outcome optOut = new Outcome(Intent.rule(Intent.OPT_OUT, null, "keyword"),
                    Reply.of(Outgoing.text(policy.text("opt_out.confirmation", "Listo, no te enviaremos más mensajes. "
                            + "Si quieres volver a recibirlos, escribe *ALTA*."))), backoff, null, ConsentChange.OPT_OUT);
            return Uni.createFrom().item(withinWindow(message) ? optOut : optOut.silenced("outside_24h_window"));
        }
        if (HandoffStates.held(work.state().handoff)) {
            // a person has the conversation (or is about to): the message lands in the transcript only
            return Uni.createFrom().item(new Outcome(kindIntent(type), Reply.silence(), backoff,
                    HandoffStates.AGENT.equals(work.state().handoff) ? "agent_holds" : "waiting_for_agent",
                    ConsentChange.NONE));
        }
        if ("location".equals(type)) {
            double[] at = MessageContent.location(message.message);
            boolean recycling = at != null && ReciclajeSkill.FLOW.equals(work.state().flow);
            Reply reply = recycling ? RecyclingPoints.nearest(policy, at[0], at[1]) : MediaReplies.reply(type, policy);
            Intent intent = recycling ? Intent.rule(Intent.RECYCLING_POINTS, null, "location") : kindIntent(type);
            return limited(clienteId, policy, work, new Outcome(intent, reply, backoff, null, ConsentChange.NONE));
        }
        boolean textual = MessageContent.textual(type);
        Router.Input input = new Router.Input(text, MessageContent.replyId(message.message), work.state().flow,
                work.state().step, work.firstContact() && textual, policy.enabled("catalogo"));
        return router.route(clienteId, input).chain(routed -> {
            if (!textual && (!routed.matched() || "greeting".equals(routed.source()))) {
                // a picture or a voice note is not a message the bot failed to understand
                return Uni.createFrom().item(new Outcome(kindIntent(type), MediaReplies.reply(type, policy), backoff,
                        null, ConsentChange.NONE));
            }
            if (Intent.CLARIFY.equals(routed.name())) {
                Reply question = Clarification.ask(routed, policy, work.state().flow);
                if (question != null) {
                    // the first stage of the fallback: the bot asks, the miss is not counted yet
                    return Uni.createFrom().item(new Outcome(routed, question, backoff, null, ConsentChange.NONE));
                }
            }
            if (!routed.matched() || Intent.CLARIFY.equals(routed.name())) {
                NoMatchBackoff.Decision decision = NoMatchBackoff.unmatched(backoff, policy.nomatch());
                // after a few misses in a row a person takes over (said once); before, the menu at the backoff's pace
                Reply reply = decision.offerHuman() ? Announcement.of(policy, Instant.now())
                        : decision.answer() ? menu.fallback(policy) : Reply.silence();
                return Uni.createFrom().item(new Outcome(routed, reply, decision.next(),
                        reply.messages().isEmpty() ? "no_match_backoff" : null, ConsentChange.NONE));
            }
            // a skill the tenant does not offer answers with the menu of those it does
            boolean offered = Intent.MENU.equals(routed.name()) || Intent.HUMAN.equals(routed.name())
                    || policy.enabled(routed.skill());
            Intent intent = offered ? routed : Intent.rule(Intent.MENU, null, routed.source());
            Turn turn = new Turn(clienteId, owner.slug(), work.contact().profileName, intent, policy);
            Skill skill = skills.stream().filter(s -> s.handles(intent.name())).findFirst().orElse(menu);
            return skill.reply(turn).map(reply -> new Outcome(intent, reply,
                    NoMatchBackoff.matched(backoff, policy.nomatch()), offered ? null : "skill_disabled",
                    ConsentChange.NONE));
        }).emitOn(eventLoop).chain(outcome -> limited(clienteId, policy, work, outcome));
    }

    /** The 24-hour window and the tenant's reply cap. */
    private Uni<Outcome> limited(UUID clienteId, BotPolicy policy, Work work, Outcome outcome) {
        if (!withinWindow(work.message())) {
            return Uni.createFrom().item(outcome.silenced("outside_24h_window"));
        }
        if (outcome.reply().messages().isEmpty()) {
            return Uni.createFrom().item(outcome);
        }
        return cap.cover(clienteId, work.allowance(), outcome.reply().messages().size(), policy.repliesPerMinute())
                // over the cap: the turn sends nothing
                .map(covered -> covered ? outcome : outcome.silenced("tenant_reply_cap"));
    }

    private static boolean withinWindow(InboundMessage message) {
        return ServiceWindow.open(message.sentAt, Instant.now());
    }

    /** How a message is logged by its kind when no skill answered it. */
    private static Intent kindIntent(String type) {
        if (SILENT.contains(type)) {
            return Intent.rule(Intent.EVENT_PREFIX + type, null, "type");
        }
        if (MessageContent.textual(type)) {
            return Intent.none();
        }
        return Intent.rule(MediaReplies.intent(type), null, "type");
    }
}
