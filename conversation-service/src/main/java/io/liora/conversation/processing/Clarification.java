package io.liora.conversation.processing;

import io.liora.conversation.policy.BotPolicy;
import io.liora.conversation.router.Intent;
import io.liora.conversation.skills.Outgoing;
import io.liora.conversation.skills.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The first stage of the two-stage fallback (as Rasa's): when the classifier hesitates between
 * intents, the customer is asked "¿Quisiste decir…?" with the two most likely as reply buttons and
 * the menu as a third. Asked once: if the next message is unclear too, the ordinary fallback
 * answers (the menu, then the no-match backoff and the offer of a person).
 */
final class Clarification {

    /** What each intent is called on a button (at most 20 characters). */
    private static final Map<String, String> TITLES = Map.of(
            Intent.MENU, "Ver el menú",
            Intent.CATEGORIES, "Ver el catálogo",
            Intent.SEARCH, "Buscar un producto",
            Intent.HEALTH_MENU, "Vida sana",
            Intent.NUTRITION, "Alimentación",
            Intent.ACTIVITY, "Actividad física",
            Intent.REST, "Descanso y sueño",
            Intent.RECYCLING, "Reciclaje",
            Intent.HUMAN, "Hablar con alguien");

    private Clarification() {
    }

    /**
     * The question for a {@link Intent#CLARIFY} intent, or null when it cannot be asked: the last
     * answer already was one, or none of the likely intents is a skill the tenant offers.
     */
    static Reply ask(Intent clarify, BotPolicy policy, String flow) {
        if (Intent.CLARIFY.equals(flow) || clarify.argument() == null) {
            return null;
        }
        List<Outgoing.Option> options = new ArrayList<>();
        for (String intent : clarify.argument().split(" ")) {
            Intent candidate = Intent.rule(intent, null, "classifier");
            boolean offered = Intent.MENU.equals(intent) || Intent.HUMAN.equals(intent) || policy.enabled(candidate.skill());
            if (offered && TITLES.containsKey(intent)) {
                options.add(new Outgoing.Option(intent, TITLES.get(intent), null));
            }
        }
        if (options.isEmpty()) {
            return null;
        }
        String body = options.size() == 1 ? "¿Quisiste decir *" + options.get(0).title() + "*?"
                : "¿Quisiste decir *" + options.get(0).title() + "* o *" + options.get(1).title() + "*?";
        if (options.stream().noneMatch(option -> Intent.MENU.equals(option.id()))) {
            options.add(new Outgoing.Option(Intent.MENU, TITLES.get(Intent.MENU), null));
        }
        return Reply.of(Outgoing.buttons(policy.text("clarify", body + " Toca una opción 👇"), options))
                .continuing(Intent.CLARIFY, null);
    }
}
