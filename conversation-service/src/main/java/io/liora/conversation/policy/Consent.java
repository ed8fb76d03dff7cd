package io.liora.conversation.policy;

import io.liora.common.text.TextNormalizer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a message asks to receive nothing more ("STOP", "baja", "no me escriban más") or to come
 * back ("START", "alta", "volver"), accent- and case-insensitive, from the tenant's lists or ours.
 * A one- or two-word phrase must be the whole message ("la baja de precios" is not an opt-out); a
 * longer one may stand inside it ("por favor no me escriban mas gracias").
 */
public final class Consent {

    static final List<String> OPT_OUT = List.of("stop", "baja", "darme de baja", "dar de baja", "de baja",
            "desuscribir", "desuscribirme", "desuscribirse", "unsubscribe", "cancelar suscripcion",
            "no me escriban", "no me escriban mas", "no me escribas mas", "no me envien mas mensajes",
            "no quiero recibir mas mensajes", "no quiero mas mensajes", "dejen de escribirme", "stop por favor");
    static final List<String> OPT_IN = List.of("start", "alta", "volver", "darme de alta", "dar de alta",
            "suscribir", "suscribirme", "quiero volver", "quiero recibir mensajes", "volver a recibir mensajes");
    /** Words that may close a short opt-out without changing it ("baja por favor", "STOP gracias"). */
    private static final Set<String> COURTESY = Set.of("por", "favor", "porfa", "pls", "gracias", "ya", "ok", "please");

    private final Set<String> optOut;
    private final Set<String> optIn;

    private Consent(Set<String> optOut, Set<String> optIn) {
        this.optOut = optOut;
        this.optIn = optIn;
    }

    /** The tenant's lists, or ours where it has none. */
    public static Consent of(List<String> optOut, List<String> optIn) {
        return new Consent(normalized(optOut == null || optOut.isEmpty() ? OPT_OUT : optOut),
                normalized(optIn == null || optIn.isEmpty() ? OPT_IN : optIn));
    }

    public boolean optsOut(String text) {
        return matches(optOut, text);
    }

    public boolean optsIn(String text) {
        return matches(optIn, text);
    }

    private static boolean matches(Set<String> phrases, String text) {
        String normalized = TextNormalizer.normalize(text);
        if (normalized.isEmpty()) {
            return false;
        }
        String core = withoutCourtesy(normalized);
        for (String phrase : phrases) {
            if (phrase.equals(normalized) || phrase.equals(core)) {
                return true;
            }
            if (phrase.indexOf(' ') != phrase.lastIndexOf(' ') && (" " + normalized + " ").contains(" " + phrase + " ")) {
                return true;
            }
        }
        return false;
    }

    private static String withoutCourtesy(String normalized) {
        return java.util.Arrays.stream(normalized.split(" ")).filter(word -> !COURTESY.contains(word))
                .collect(Collectors.joining(" "));
    }

    private static Set<String> normalized(List<String> phrases) {
        return phrases.stream().map(TextNormalizer::normalize).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
    }
}
