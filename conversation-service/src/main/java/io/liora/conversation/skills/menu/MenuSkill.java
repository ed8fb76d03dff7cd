package io.liora.conversation.skills.menu;

import io.liora.conversation.handoff.Announcement;
import io.liora.conversation.policy.BotPolicy;
import io.liora.conversation.router.Intent;
import io.liora.conversation.skills.Outgoing;
import io.liora.conversation.skills.Reply;
import io.liora.conversation.skills.Skill;
import io.liora.conversation.skills.Turn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The greeting and menu of the enabled skills; the "I did not understand" answer; a person. */
@ApplicationScoped
public class MenuSkill implements Skill {

    @Override
    public boolean handles(String intent) {
        return Intent.MENU.equals(intent) || Intent.HUMAN.equals(intent);
    }

    @Override
    public Uni<Reply> reply(Turn turn) {
        if (Intent.HUMAN.equals(turn.intent().name())) {
            return Uni.createFrom().item(Announcement.of(turn.policy(), Instant.now()));
        }
        String hello = turn.firstName() == null ? "¡Hola!" : "¡Hola, " + turn.firstName() + "!";
        return Uni.createFrom().item(Reply.of(menu(turn.policy(),
                turn.text("menu.greeting", hello + " Soy el asistente virtual. ¿En qué te puedo ayudar?"), false)));
    }

    /** The answer to a message nothing understood: the menu. */
    public Reply fallback(BotPolicy policy) {
        return Reply.of(menu(policy, policy.text("fallback", "No entendí tu mensaje 🤔 Elige una opción del "
                + "menú o escríbeme, por ejemplo, \"buscar zapatillas\"."), false));
    }

    /** The enabled skills as list rows. */
    static Outgoing menu(BotPolicy policy, String body, boolean offerHuman) {
        List<Outgoing.Option> options = new ArrayList<>();
        if (policy.enabled("catalogo")) {
            options.add(new Outgoing.Option(Intent.CATEGORIES, "Catálogo", "Mira nuestros productos por categoría"));
            options.add(new Outgoing.Option(Intent.SEARCH, "Buscar producto", "Escribe lo que buscas"));
        }
        if (policy.enabled("vida_sana")) {
            options.add(new Outgoing.Option(Intent.HEALTH_MENU, "Vida sana", "Alimentación, actividad física y descanso"));
        }
        if (policy.enabled("reciclaje")) {
            options.add(new Outgoing.Option(Intent.RECYCLING, "Reciclaje", "Cómo reciclar mejor"));
        }
        if (offerHuman || options.isEmpty()) {
            options.add(new Outgoing.Option(Intent.HUMAN, "Hablar con una persona", "Te atiende alguien del equipo"));
        }
        return Outgoing.list(body, "Ver opciones", "Opciones", options);
    }
}
