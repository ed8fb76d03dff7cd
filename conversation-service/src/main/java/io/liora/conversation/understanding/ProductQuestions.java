package io.liora.conversation.understanding;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Questions about a product, in the words customers use: "tienen X", "hay X", "venden X",
 * "precio de X", "cuánto cuesta/vale/sale X", "X talla M", "tienen stock de X", "busco X". Read on
 * {@link Lexicon#normalize normalised} text; the product is what is left once the question's
 * words, articles and courtesies are taken away.
 */
public final class ProductQuestions {

    /** What was asked: the product's words, and whether the price was the question. */
    public record Question(String product, boolean price) {
    }

    private static final String GREETING = "^(?:(?:hola|buenas|buenos dias|buenas tardes|buenas noches|oiga|disculpa|una consulta)\\s+)*";
    private static final String ARTICLE = "(?:(?:el|la|los|las|un|una|unos|unas|del|de|algo de|algun|alguna)\\s+)?";
    private static final List<Pattern> PRICE = List.of(
            Pattern.compile(GREETING + "(?:cual es |me dices |me das |sabes )?(?:el )?(?:precio|valor|costo)s?\\s+(?:de |del )?"
                    + ARTICLE + "(?<product>.+)"),
            Pattern.compile(GREETING + "(?:en |a )?cuanto (?:sale|salen|cuesta|cuestan|vale|valen|esta|estan|es|son|cobran por)\\s+"
                    + ARTICLE + "(?<product>.+)"),
            Pattern.compile(GREETING + "(?:en |a )?cuanto\\s+" + ARTICLE + "(?<product>.+)"),
            Pattern.compile(GREETING + ARTICLE + "(?<product>.+?)\\s+(?:cuanto (?:sale|salen|cuesta|cuestan|vale|valen)"
                    + "|que precio tiene|que precio tienen|precio|valor)$"));
    private static final List<Pattern> AVAILABILITY = List.of(
            Pattern.compile(GREETING + "(?:ustedes |usted )?(?:tienen|tienes|tiene|tendran|tendras|hay|venden|vendes|vende"
                    + "|les queda|les quedan|te queda|queda|quedan|manejan|trabajan)\\s+(?:stock |disponible |disponibles )?"
                    + "(?:de |en )?" + ARTICLE + "(?<product>.+)"),
            Pattern.compile(GREETING + "(?:hay )?stock (?:de |del )?" + ARTICLE + "(?<product>.+)"),
            Pattern.compile(GREETING + "(?:busco|buscaba|necesito|ando buscando|estoy buscando|me interesa|me interesan"
                    + "|quiero comprar|me vende|me vendes|me venden)\\s+" + ARTICLE + "(?<product>.+)"),
            Pattern.compile(GREETING + ARTICLE + "(?<product>.+?)\\s+(?:tienen|hay|venden|tienes|tiene stock"
                    + "|hay stock|tienen stock|les queda|disponible)$"));
    private static final Pattern SIZE = Pattern.compile("^(?<product>.+?)\\s+(?:en )?(?:talla|numero|n) (?:\\w+)$");
    private static final Pattern TRAILING = Pattern.compile(
            "\\s+(?:por favor|gracias|disponible|disponibles|en stock|todavia|aun|ahora|hoy|aqui|aca|ahi)$");
    private static final Pattern SIZE_SUFFIX = Pattern.compile("\\s+(?:en )?(?:talla|numero) \\w+$");

    private ProductQuestions() {
    }

    public static Optional<Question> read(String normalized) {
        for (Pattern pattern : PRICE) {
            Matcher matcher = pattern.matcher(normalized);
            if (matcher.matches()) {
                return product(matcher.group("product"), true);
            }
        }
        for (Pattern pattern : AVAILABILITY) {
            Matcher matcher = pattern.matcher(normalized);
            if (matcher.matches()) {
                return product(matcher.group("product"), false);
            }
        }
        Matcher size = SIZE.matcher(normalized);
        if (size.matches()) {
            return product(size.group("product"), false);
        }
        return Optional.empty();
    }

    private static Optional<Question> product(String words, boolean price) {
        String product = words.strip();
        String before;
        do {
            before = product;
            product = TRAILING.matcher(product).replaceAll("");
            product = SIZE_SUFFIX.matcher(product).replaceAll("");
        } while (!product.equals(before));
        return product.isBlank() ? Optional.empty() : Optional.of(new Question(product, price));
    }
}
