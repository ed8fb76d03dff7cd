package io.liora.conversation.skills.media;

import io.liora.conversation.policy.BotPolicy;
import io.liora.conversation.skills.Outgoing;
import io.liora.conversation.skills.Reply;
import java.util.Map;

/**
 * The short answer to a message without text the bot can act on: an image, audio, video,
 * document, sticker, contact card, location outside the recycling flow, or a type WhatsApp itself
 * calls {@code unsupported}. Each text is the tenant's to replace ({@code media.<type>}). These
 * are not no-matches: the customer said something, just not in words.
 */
public final class MediaReplies {

    /** The intents these answers are logged under: {@code media.<type>}. */
    public static final String PREFIX = "media.";

    private static final Map<String, String> OURS = Map.of(
            "image", "¡Gracias por la imagen! 📷 Por ahora solo entiendo mensajes escritos. Cuéntame qué necesitas "
                    + "o escribe *menú* para ver las opciones.",
            "video", "¡Gracias por el video! 🎬 Por ahora solo entiendo mensajes escritos. Cuéntame qué necesitas "
                    + "o escribe *menú*.",
            "audio", "Recibí tu audio 🎧, pero todavía no puedo escucharlo. ¿Me lo escribes? También puedes "
                    + "escribir *menú*.",
            "document", "Recibí tu documento 📄. Lo dejo guardado para el equipo; si necesitas algo ahora, "
                    + "escríbemelo o escribe *menú*.",
            "sticker", "😄 ¿En qué te puedo ayudar? Escribe *menú* para ver las opciones.",
            "contacts", "Gracias por compartir el contacto 📇. Si necesitas algo, escríbemelo o escribe *menú*.",
            "location", "Gracias por tu ubicación 📍. Si buscas dónde reciclar, escribe *reciclaje*; para todo lo "
                    + "demás, escribe *menú*.",
            "unsupported", "No pude ver ese mensaje en este chat 🙈. ¿Me lo escribes? También puedes escribir *menú*.");

    private MediaReplies() {
    }

    /** Whether messages of this Meta type get one of these answers. */
    public static boolean answers(String type) {
        return OURS.containsKey(type);
    }

    /** The answer to a message of {@code type}; any type we do not know is answered as unsupported. */
    public static Reply reply(String type, BotPolicy policy) {
        String kind = OURS.containsKey(type) ? type : "unsupported";
        return Reply.of(Outgoing.text(policy.text(PREFIX + kind, OURS.get(kind))));
    }

    public static String intent(String type) {
        return PREFIX + (OURS.containsKey(type) ? type : "unsupported");
    }
}
