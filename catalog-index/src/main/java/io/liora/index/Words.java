package io.liora.index;

/** Which words carry no meaning for search ("de", "la", "para"...), as the index drops them. */
public final class Words {

    private Words() {
    }

    /** Whether a {@link io.liora.common.text.TextNormalizer normalised} word is a stop word. */
    public static boolean isStopWord(String normalizedWord) {
        return SpanishCatalogAnalyzer.STOP_WORDS.contains(normalizedWord);
    }
}
