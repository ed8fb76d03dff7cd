package io.liora.conversation.skills.reciclaje;

import io.liora.conversation.router.Intent;
import io.liora.conversation.skills.Outgoing;
import io.liora.conversation.skills.Reply;
import io.liora.conversation.skills.Skill;
import io.liora.conversation.skills.Turn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Recycling: not built yet, and it says so. */
@ApplicationScoped
public class ReciclajeSkill implements Skill {

    @Override
    public boolean handles(String intent) {
        return intent.startsWith("reciclaje.");
    }

    @Override
    public Uni<Reply> reply(Turn turn) {
        return Uni.createFrom().item(Reply.of(Outgoing.buttons(turn.text("reciclaje.info",
                "♻️ *Reciclaje*\nEstamos preparando esta sección: muy pronto podrás consultar aquí qué se recicla y "
                        + "dónde. Mientras tanto, ¿te ayudo con otra cosa?"),
                List.of(new Outgoing.Option(Intent.MENU, "Menú principal", null)))));
    }
}
