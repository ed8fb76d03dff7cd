package io.liora.conversation.understanding;

import io.liora.conversation.router.Intent;
import io.liora.conversation.router.KeywordRules;
import io.liora.index.CatalogIndex;
import io.liora.index.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a customer's free text asks for, without any network call, in this order:
 * <ol>
 * <li>slang and chat spelling brought to standard words ({@link Lexicon});</li>
 * <li>"buscar X" and the keyword rules of a skill (greetings aside: "hola, ¿tienen miel?" is a
 * product question);</li>
 * <li>a question about a product ({@link ProductQuestions}) that names something the tenant's
 * catalog has, or words that do ("sapatillas trail");</li>
 * <li>the classifier: its label when it is confident, "¿Quisiste decir…?" with its two best labels
 * when it hesitates, nothing below that or when it says out of scope.</li>
 * </ol>
 * A product question about something the catalog does not have is still a catalog question: the
 * answer is an honest "no tenemos", never another product.
 */
public final class Understanding {

    /** At or above: the classifier's label is the answer. */
    public static final double CONFIDENT = 0.5;
    /** At or above (and below {@link #CONFIDENT}): ask which of the two best labels was meant. */
    public static final double HESITANT = 0.3;

    /** The words of a question that are not the product. */
    private static final Set<String> QUESTION_WORDS = Set.of("tienen", "tienes", "tiene", "hay", "venden", "vendes",
            "vende", "precio", "precios", "valor", "cuanto", "cuanta", "sale", "salen", "cuesta", "cuestan", "vale",
            "valen", "quiero", "necesito", "busco", "stock", "talla", "disponible", "queda", "quedan", "comprar",
            "por", "favor", "hola", "buenas", "ustedes", "algo", "consulta");

    private final IntentClassifier classifier;

    public Understanding(IntentClassifier classifier) {
        this.classifier = classifier;
    }

    /** Understanding trained on the committed training set. */
    public static Understanding trained() {
        return new Understanding(IntentClassifier.train(TrainingSet.examples()));
    }

    /**
     * Whether the tenant's catalog could change what {@code text} means: not when a skill's keyword
     * already says it, nor for a bare greeting ("hola", "buenas tardes").
     */
    public boolean mayBeAboutProducts(String text) {
        String plain = Lexicon.normalize(text);
        Optional<Intent> keyword = KeywordRules.match(plain);
        return keyword.isEmpty() || Intent.MENU.equals(keyword.get().name()) && plain.split(" ").length > 2;
    }

    /**
     * @param text    the customer's message
     * @param catalog the tenant's active catalog, or null when it has none or does not offer it
     */
    public Intent understand(String text, CatalogIndex catalog) {
        String plain = Lexicon.normalize(text);
        if (plain.isEmpty()) {
            return Intent.none();
        }
        Optional<Intent> keyword = KeywordRules.match(plain);
        if (keyword.isPresent() && !Intent.MENU.equals(keyword.get().name())) {
            return keyword.get();
        }
        Optional<ProductQuestions.Question> question = ProductQuestions.read(plain);
        List<IntentClassifier.Scored> ranked = classifier.classify(plain);
        IntentClassifier.Scored best = ranked.get(0);
        if (catalog != null) {
            List<String> products = catalog.productWords(question.map(ProductQuestions.Question::product).orElse(plain));
            // the catalog's words make it a product question, unless the message plainly asks for another skill
            // without asking for a product ("qué hago con las botellas de vidrio")
            boolean otherSkill = best.probability() >= CONFIDENT && !best.label().startsWith("catalogo.")
                    && !Intent.NONE.equals(best.label()) && !Intent.MENU.equals(best.label());
            if (!products.isEmpty() && (question.isPresent() || !otherSkill)) {
                String asked = question.map(ProductQuestions.Question::product).orElse(String.join(" ", products));
                boolean price = question.map(ProductQuestions.Question::price).orElse(false);
                return new Intent(price ? Intent.PRICE : Intent.SEARCH, asked, "catalog", 1.0);
            }
        }
        if (keyword.isPresent() && !(best.probability() >= CONFIDENT && !Intent.NONE.equals(best.label())
                && !Intent.MENU.equals(best.label()))) {
            return keyword.get(); // a greeting, unless the rest of the message clearly says more
        }
        if (Intent.NONE.equals(best.label()) || best.probability() < HESITANT) {
            return new Intent(Intent.NONE, null, "classifier", best.probability());
        }
        if (best.probability() < CONFIDENT) {
            List<String> two = ranked.stream().map(IntentClassifier.Scored::label)
                    .filter(label -> !Intent.NONE.equals(label)).limit(2).toList();
            return new Intent(Intent.CLARIFY, String.join(" ", two), "classifier", best.probability());
        }
        if (Intent.SEARCH.equals(best.label())) {
            String asked = question.map(ProductQuestions.Question::product).orElse(withoutQuestionWords(plain));
            boolean price = question.map(ProductQuestions.Question::price).orElse(false);
            return new Intent(price ? Intent.PRICE : Intent.SEARCH, asked.isEmpty() ? null : asked, "classifier",
                    best.probability());
        }
        return new Intent(best.label(), null, "classifier", best.probability());
    }

    private static String withoutQuestionWords(String plain) {
        List<String> words = new ArrayList<>();
        for (String word : plain.split(" ")) {
            if (!QUESTION_WORDS.contains(word) && !Words.isStopWord(word)) {
                words.add(word);
            }
        }
        return String.join(" ", words);
    }
}
