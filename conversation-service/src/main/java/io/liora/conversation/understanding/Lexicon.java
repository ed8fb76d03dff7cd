package io.liora.conversation.understanding;

import io.liora.common.text.TextNormalizer;
import java.util.Map;
import java.util.Set;

/**
 * How customers write, brought to the words the rules and the classifier know: Chilean and
 * Latin-American slang and chat spelling ("wena" is "buenas", "kiero" is "quiero", "xq" is
 * "porque"), voseo ("tenés" is "tienes"), a few emoji as the word they stand for, and fillers
 * ("po", "cachai") dropped. Applied after {@link TextNormalizer} (lower case, no accents).
 */
public final class Lexicon {

    private static final Map<String, String> EMOJI = Map.ofEntries(
            Map.entry("👋", " hola "), Map.entry("🛍", " comprar "), Map.entry("🛒", " comprar "),
            Map.entry("♻", " reciclaje "), Map.entry("😴", " dormir "), Map.entry("🛌", " dormir "),
            Map.entry("🏃", " ejercicio "), Map.entry("💪", " ejercicio "), Map.entry("🥗", " comida sana "),
            Map.entry("🍎", " comida sana "), Map.entry("💚", " salud "), Map.entry("🙋", " persona "));

    private static final Map<String, String> WORDS = Map.ofEntries(
            // greetings
            Map.entry("wena", "buenas"), Map.entry("wenas", "buenas"), Map.entry("wenaa", "buenas"),
            Map.entry("wenass", "buenas"), Map.entry("wenah", "buenas"), Map.entry("wenos", "buenos"),
            Map.entry("buenass", "buenas"), Map.entry("buenaas", "buenas"), Map.entry("holaa", "hola"),
            Map.entry("holaaa", "hola"), Map.entry("holas", "hola"), Map.entry("holis", "hola"), Map.entry("holi", "hola"),
            Map.entry("ola", "hola"), Map.entry("alo", "hola"), Map.entry("aloo", "hola"),
            // chat spelling
            Map.entry("k", "que"), Map.entry("q", "que"), Map.entry("ke", "que"), Map.entry("xq", "porque"),
            Map.entry("pq", "porque"), Map.entry("porq", "porque"), Map.entry("tb", "tambien"),
            Map.entry("tmb", "tambien"), Map.entry("kiero", "quiero"), Map.entry("kieres", "quieres"),
            Map.entry("kuanto", "cuanto"), Map.entry("kuanta", "cuanta"), Map.entry("aki", "aqui"),
            Map.entry("aka", "aca"), Map.entry("d", "de"), Map.entry("x", "por"), Map.entry("dnd", "donde"),
            Map.entry("bn", "bien"), Map.entry("bno", "bueno"), Map.entry("msj", "mensaje"),
            Map.entry("info", "informacion"), Map.entry("ud", "usted"), Map.entry("uds", "ustedes"),
            Map.entry("toy", "estoy"), Map.entry("tai", "estas"), Map.entry("estai", "estas"),
            Map.entry("xfa", "por favor"), Map.entry("porfa", "por favor"), Map.entry("porfis", "por favor"),
            Map.entry("plis", "por favor"), Map.entry("pls", "por favor"), Map.entry("grax", "gracias"),
            Map.entry("grcs", "gracias"), Map.entry("nomas", "no mas"), Map.entry("wsp", "whatsapp"),
            Map.entry("celu", "celular"), Map.entry("pega", "trabajo"), Map.entry("mostrai", "muestras"),
            // voseo
            Map.entry("tenes", "tienes"), Map.entry("queres", "quieres"), Map.entry("podes", "puedes"),
            Map.entry("mostrame", "muestrame"), Map.entry("decime", "dime"),
            // products said as customers say them
            Map.entry("zapas", "zapatillas"), Map.entry("zapa", "zapatilla"));

    /** Words that carry nothing: dropped. */
    private static final Set<String> FILLERS = Set.of("po", "pu", "cachai", "weon", "wn", "weona", "oye", "che");

    private Lexicon() {
    }

    /** {@code text} as the router reads it: normalised, slang brought to standard words. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String withWords = text;
        for (Map.Entry<String, String> emoji : EMOJI.entrySet()) {
            if (withWords.contains(emoji.getKey())) {
                withWords = withWords.replace(emoji.getKey(), emoji.getValue());
            }
        }
        StringBuilder plain = new StringBuilder();
        for (String word : TextNormalizer.normalize(withWords).split(" ")) {
            if (word.isEmpty() || FILLERS.contains(word)) {
                continue;
            }
            if (plain.length() > 0) {
                plain.append(' ');
            }
            plain.append(WORDS.getOrDefault(word, word));
        }
        return plain.toString();
    }
}
