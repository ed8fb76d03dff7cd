package io.liora.conversation.understanding;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the classifier sees of a normalised message: its words, its pairs of words, and the
 * character n-grams (2 to 5) of each word with its edges marked ("<wena>" gives "<w", "we", ...),
 * which carry typos, missing letters and word endings the words alone would miss.
 */
final class Features {

    static final int MIN_GRAM = 2;
    static final int MAX_GRAM = 5;

    private Features() {
    }

    static Set<String> of(String normalized) {
        Set<String> features = new LinkedHashSet<>();
        String[] words = normalized.isEmpty() ? new String[0] : normalized.split(" ");
        for (int i = 0; i < words.length; i++) {
            features.add("w:" + words[i]);
            if (i + 1 < words.length) {
                features.add("b:" + words[i] + "_" + words[i + 1]);
            }
            String marked = "<" + words[i] + ">";
            for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
                for (int start = 0; start + n <= marked.length(); start++) {
                    features.add("c:" + marked.substring(start, start + n));
                }
            }
        }
        return features;
    }
}
