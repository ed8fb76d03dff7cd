package io.liora.conversation.skills.reciclaje;

import io.liora.conversation.router.Intent;
import io.liora.conversation.skills.Outgoing;
import io.liora.conversation.skills.Reply;
import io.liora.conversation.skills.Skill;
import io.liora.conversation.skills.Turn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Recycling: with the tenant's points configured, asks for the customer's location and answers it
 * with the nearest ({@link RecyclingPoints}); without them, says honestly that it is coming. Either
 * way the conversation waits for a location (flow {@value #FLOW}).
 */
@ApplicationScoped
public class ReciclajeSkill implements Skill {

    /** The flow in which a shared location asks for the nearest points. */
    public static final String FLOW = "reciclaje";
    public static final String STEP = "location";

    @Override
    public boolean handles(String intent) {
        return intent.startsWith("reciclaje.");
    }

    @Override
    public Uni<Reply> reply(Turn turn) {
        List<Outgoing.Option> back = List.of(new Outgoing.Option(Intent.MENU, "Menú principal", null));
        if (!turn.policy().recyclingPoints().isEmpty()) {
            return Uni.createFrom().item(Reply.of(Outgoing.buttons(turn.text("reciclaje.ask_location",
                    "♻️ *Reciclaje*\nCompárteme tu ubicación 📍 (clip ➜ Ubicación) y te digo los puntos de reciclaje "
                            + "más cercanos."), back)).continuing(FLOW, STEP));
        }
        return Uni.createFrom().item(Reply.of(Outgoing.buttons(turn.text("reciclaje.info",
                "♻️ *Reciclaje*\nEstamos preparando esta sección: muy pronto podrás consultar aquí qué se recicla y "
                        + "dónde. Mientras tanto, ¿te ayudo con otra cosa?"), back)).continuing(FLOW, STEP));
    }
}
