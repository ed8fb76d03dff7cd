package io.liora.conversation.skills.vidasana;

import io.liora.conversation.router.Intent;
import io.liora.conversation.skills.Outgoing;
import io.liora.conversation.skills.Reply;
import io.liora.conversation.skills.Skill;
import io.liora.conversation.skills.Turn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Healthy living: a menu and three scripted answers. */
@ApplicationScoped
public class VidaSanaSkill implements Skill {

    static final Map<String, String> ANSWERS = Map.of(
            Intent.NUTRITION, "🥗 *Alimentación*\nLlena la mitad del plato con verduras y frutas, prefiere granos "
                    + "integrales y legumbres, toma agua en vez de bebidas azucaradas y modera la sal y los "
                    + "ultraprocesados. Comer a horarios regulares también ayuda.",
            Intent.ACTIVITY, "🏃 *Actividad física*\nLa recomendación para adultos es al menos 150 minutos de "
                    + "actividad moderada a la semana (por ejemplo, 30 minutos de caminata rápida 5 días) y ejercicios "
                    + "de fuerza dos veces por semana. Lo importante es empezar de a poco y moverse más que ayer.",
            Intent.REST, "😴 *Descanso*\nIntenta dormir entre 7 y 9 horas, con horarios parecidos todos los días. "
                    + "Evita pantallas y cafeína antes de acostarte y mantén tu pieza oscura, fresca y silenciosa.");

    @Override
    public boolean handles(String intent) {
        return intent.startsWith("vida_sana.");
    }

    @Override
    public Uni<Reply> reply(Turn turn) {
        String answer = ANSWERS.get(turn.intent().name());
        if (answer != null) {
            answer = turn.text(turn.intent().name(), answer);
            return Uni.createFrom().item(Reply.of(Outgoing.buttons(answer + "\n\n¿Quieres otro consejo?", List.of(
                    new Outgoing.Option(Intent.HEALTH_MENU, "Más consejos", null),
                    new Outgoing.Option(Intent.MENU, "Menú principal", null)))));
        }
        return Uni.createFrom().item(Reply.of(Outgoing.buttons(
                turn.text(Intent.HEALTH_MENU, "🌱 *Vida sana*\n¿Sobre qué te gustaría un consejo?"), List.of(
                        new Outgoing.Option(Intent.NUTRITION, "Alimentación", null),
                        new Outgoing.Option(Intent.ACTIVITY, "Actividad física", null),
                        new Outgoing.Option(Intent.REST, "Descanso", null)))));
    }
}
