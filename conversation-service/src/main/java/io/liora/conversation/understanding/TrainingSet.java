package io.liora.conversation.understanding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Labelled messages in a TSV resource ({@code label<TAB>message}, {@code #} comments), normalised. */
public final class TrainingSet {

    static final String RESOURCE = "understanding/training.tsv";

    private TrainingSet() {
    }

    public static List<IntentClassifier.Example> examples() {
        return read(TrainingSet.class.getClassLoader().getResourceAsStream(RESOURCE), RESOURCE);
    }

    /** The examples of a TSV stream, their text {@link Lexicon#normalize normalised}. */
    public static List<IntentClassifier.Example> read(InputStream in, String name) {
        if (in == null) {
            throw new IllegalStateException(name + " is missing");
        }
        List<IntentClassifier.Example> examples = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalStateException(name + ": no tab in \"" + line + "\"");
                }
                examples.add(new IntentClassifier.Example(line.substring(0, tab), Lexicon.normalize(line.substring(tab + 1))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }
}
