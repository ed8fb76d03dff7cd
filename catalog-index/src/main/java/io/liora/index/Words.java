package io.liora.index;

import io.liora.common.text.TextNormalizer;

/** Text as the index compares it: Liora's normal form, and which words carry no meaning. */
public final class Words {

    private Words() {
    }

    /** Lower case, no accents, no punctuation, single spaces ({@link TextNormalizer}). */
    public static String normalize(String text) {
        return TextNormalizer.normalize(text);
    }

    /** Whether a word carries meaning for search (not "de", "la", "para"...). */
    public static boolean isStopWord(String normalizedWord) {
        return SpanishCatalogAnalyzer.STOP_WORDS.contains(normalizedWord);
    }
}
