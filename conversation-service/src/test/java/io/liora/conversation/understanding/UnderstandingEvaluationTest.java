package io.liora.conversation.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liora.common.text.TextNormalizer;
import io.liora.conversation.router.Intent;
import io.liora.index.CatalogIndex;
import io.liora.index.IndexedItem;
import io.liora.index.Synonyms;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router's understanding, scored on messages it never trained on
 * ({@code src/test/resources/understanding/held-out.tsv}) with the demo catalog as the tenant's:
 * at least 95% of the in-scope and out-of-scope messages reach the right skill, and at most 10% of the
 * out-of-scope ones are taken into a skill. Prints the confusion matrix and per-skill figures
 * (recorded in docs/understanding.md).
 */
class UnderstandingEvaluationTest {

    static final double MIN_ACCURACY = 0.95;
    static final double MAX_OUT_OF_SCOPE_ROUTED = 0.10;

    private static Understanding understanding;
    private static CatalogIndex demoCatalog;
    private static List<IntentClassifier.Example> heldOut;

    @BeforeAll
    static void train() throws IOException {
        understanding = Understanding.trained();
        demoCatalog = demoCatalog();
        heldOut = TrainingSet.read(UnderstandingEvaluationTest.class.getClassLoader()
                .getResourceAsStream("understanding/held-out.tsv"), "held-out.tsv");
    }

    /** The skill an intent belongs to; asking "¿quisiste decir?" counts as reaching none. */
    static String skill(String intent) {
        if (Intent.CLARIFY.equals(intent)) {
            return "aclarar";
        }
        if (Intent.HUMAN.equals(intent)) {
            return "humano";
        }
        int dot = intent.indexOf('.');
        return dot < 0 ? intent : intent.substring(0, dot);
    }

    @Test
    void theHeldOutSetIsNeverTrainedOn() throws IOException {
        Set<String> training = messages("src/main/resources/understanding/training.tsv");
        assertThat(heldOut).hasSizeGreaterThanOrEqualTo(150);
        assertThat(heldOut.stream().filter(e -> Intent.NONE.equals(e.label())).count()).isGreaterThanOrEqualTo(30);
        assertThat(messages("src/test/resources/understanding/held-out.tsv")).doesNotContainAnyElementsOf(training);
        assertThat(TrainingSet.examples().stream().collect(Collectors.groupingBy(IntentClassifier.Example::label,
                Collectors.counting())).values()).allMatch(count -> count >= 40);
    }

    @Test
    void heldOutMessagesReachTheRightSkill() {
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        int right = 0;
        int rightIntent = 0;
        int outOfScope = 0;
        int outOfScopeRouted = 0;
        for (IntentClassifier.Example example : heldOut) {
            Intent intent = understanding.understand(example.text(), demoCatalog);
            String expected = skill(example.label());
            String got = skill(intent.name());
            confusion.computeIfAbsent(expected, k -> new TreeMap<>()).merge(got, 1, Integer::sum);
            boolean none = "none".equals(got) || "aclarar".equals(got);
            boolean correct = expected.equals(got) || ("none".equals(expected) && none);
            right += correct ? 1 : 0;
            rightIntent += intent.name().equals(example.label()) || (correct && "none".equals(expected))
                    || (Intent.PRICE.equals(intent.name()) && Intent.SEARCH.equals(example.label())) ? 1 : 0;
            if ("none".equals(expected)) {
                outOfScope++;
                outOfScopeRouted += none ? 0 : 1;
            }
            if (!correct) {
                misses.add(String.format("  %-22s -> %-22s %.2f %-10s %s", example.label(), intent.name(),
                        intent.confidence(), intent.source(), example.text()));
            }
        }
        double accuracy = right / (double) heldOut.size();
        double routed = outOfScopeRouted / (double) outOfScope;
        System.out.println(report(confusion, accuracy, rightIntent / (double) heldOut.size(), routed, outOfScope));
        System.out.println("misses:\n" + String.join("\n", misses));
        assertThat(accuracy).as("skill-level accuracy on the held-out set").isGreaterThanOrEqualTo(MIN_ACCURACY);
        assertThat(routed).as("out-of-scope messages routed into a skill").isLessThanOrEqualTo(MAX_OUT_OF_SCOPE_ROUTED);
    }

    private static String report(Map<String, Map<String, Integer>> confusion, double accuracy, double intentAccuracy,
            double routed, int outOfScope) {
        Set<String> columns = new TreeSet<>(confusion.keySet());
        confusion.values().forEach(row -> columns.addAll(row.keySet()));
        StringBuilder out = new StringBuilder(String.format("held-out: %d messages (%d out of scope)%n"
                + "skill accuracy %.3f, intent accuracy %.3f, out of scope routed into a skill %.3f%n%n",
                confusion.values().stream().mapToInt(row -> row.values().stream().mapToInt(Integer::intValue).sum()).sum(),
                outOfScope, accuracy, intentAccuracy, routed));
        out.append(String.format("%-11s", "expected"));
        columns.forEach(column -> out.append(String.format("%9s", column.length() > 8 ? column.substring(0, 8) : column)));
        out.append(String.format("%10s%10s%n", "precision", "recall"));
        for (String expected : confusion.keySet()) {
            out.append(String.format("%-11s", expected));
            Map<String, Integer> row = confusion.get(expected);
            columns.forEach(column -> out.append(String.format("%9d", row.getOrDefault(column, 0))));
            int total = row.values().stream().mapToInt(Integer::intValue).sum();
            int predicted = confusion.values().stream().mapToInt(r -> r.getOrDefault(expected, 0)).sum();
            int hit = row.getOrDefault(expected, 0);
            out.append(String.format("%10.2f%10.2f%n", predicted == 0 ? 0 : hit / (double) predicted, hit / (double) total));
        }
        return out.toString();
    }

    /** The messages of a set as written (case and accents aside), before any slang is read. */
    private static Set<String> messages(String path) throws IOException {
        return java.nio.file.Files.readAllLines(Path.of(path)).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> TextNormalizer.normalize(line.substring(line.indexOf('\t') + 1)))
                .filter(message -> !message.isEmpty()).collect(Collectors.toSet());
    }

    static CatalogIndex demoCatalog() throws IOException {
        JsonNode catalog = new ObjectMapper().readTree(Path.of("../deploy/local/demo-catalog.json").toFile());
        List<IndexedItem> items = new ArrayList<>();
        catalog.get("items").forEach(item -> items.add(new IndexedItem(item.get("sku").asText(),
                item.get("nombre").asText(), item.path("categoria").asText(null), item.path("descripcion").asText(null))));
        return CatalogIndex.build(items, Synonyms.NONE);
    }
}
