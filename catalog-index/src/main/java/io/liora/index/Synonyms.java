package io.liora.index;

import io.liora.common.text.TextNormalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's own words for its products ({@code "zapas": ["zapatillas"]}): a customer's word that is a
 * key is searched as itself or as any of its values. Keys and values are compared normalised.
 */
public final class Synonyms {

    public static final Synonyms NONE = new Synonyms(Map.of());

    private final Map<String, List<String>> byWord;

    private Synonyms(Map<String, List<String>> byWord) {
        this.byWord = byWord;
    }

    public static Synonyms of(Map<String, List<String>> synonyms) {
        if (synonyms == null || synonyms.isEmpty()) {
            return NONE;
        }
        Map<String, List<String>> byWord = new HashMap<>();
        synonyms.forEach((word, alternatives) -> byWord.put(TextNormalizer.normalize(word),
                alternatives.stream().map(TextNormalizer::normalize).filter(alternative -> !alternative.isEmpty()).toList()));
        return new Synonyms(Map.copyOf(byWord));
    }

    /** What the normalised {@code word} may also be said as; empty when the tenant gave none. */
    public List<String> of(String word) {
        return byWord.getOrDefault(word, List.of());
    }

    public boolean has(String word) {
        return byWord.containsKey(word);
    }
}
