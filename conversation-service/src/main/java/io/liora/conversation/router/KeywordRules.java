package io.liora.conversation.router;

import io.liora.common.text.TextNormalizer;
import java.util.List;
import java.util.Optional;

/**
 * Keyword and phrase rules per skill, matched as whole words on normalised text (lower case, no
 * accents, no punctuation), so "¿Tienen CATÁLOGO?" finds the catalog. Checked in this order; the
 * first rule that matches wins.
 */
public final class KeywordRules {

    private record Rule(String intent, List<String> phrases) {
    }

    private static final List<String> SEARCH_VERBS = List.of("buscar", "busco", "busca", "buscame");

    private static final List<Rule> RULES = List.of(
            new Rule(Intent.HUMAN, List.of("humano", "persona", "agente", "ejecutivo", "hablar con alguien",
                    "atencion al cliente")),
            new Rule(Intent.NUTRITION, List.of("alimentacion", "alimentarme", "comer", "comida", "dieta", "nutricion")),
            new Rule(Intent.ACTIVITY, List.of("actividad fisica", "ejercicio", "ejercicios", "deporte", "entrenar",
                    "caminar")),
            new Rule(Intent.REST, List.of("descanso", "descansar", "dormir", "sueno", "insomnio")),
            new Rule(Intent.HEALTH_MENU, List.of("vida sana", "vidasana", "salud", "saludable", "bienestar")),
            new Rule(Intent.RECYCLING, List.of("reciclaje", "reciclar", "residuos", "basura", "reciclo")),
            new Rule(Intent.CATEGORIES, List.of("catalogo", "catalogos", "productos", "producto", "tienda", "comprar",
                    "categorias", "ofertas")),
            new Rule(Intent.MENU, List.of("hola", "holi", "ola", "buenas", "buenos dias", "buen dia", "buenas tardes",
                    "buenas noches", "menu", "inicio", "ayuda", "opciones", "empezar", "volver")));

    private KeywordRules() {
    }

    public static Optional<Intent> match(String text) {
        String normalized = TextNormalizer.normalize(text);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        String[] words = normalized.split(" ", 2);
        if (SEARCH_VERBS.contains(words[0])) {
            return Optional.of(Intent.rule(Intent.SEARCH, words.length > 1 ? words[1] : null, "keyword"));
        }
        String padded = " " + normalized + " ";
        for (Rule rule : RULES) {
            for (String phrase : rule.phrases()) {
                if (padded.contains(" " + phrase + " ")) {
                    return Optional.of(Intent.rule(rule.intent(), null, "keyword"));
                }
            }
        }
        return Optional.empty();
    }
}
