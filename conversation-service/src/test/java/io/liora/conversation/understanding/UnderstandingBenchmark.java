package io.liora.conversation.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import io.liora.index.CatalogIndex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long understanding one message takes in-process, over the held-out messages with the demo
 * catalog: a benchmark, run by {@code bench/understanding/run.sh}, never in the test suite
 * (timings are the machine's, not the code's). Prints p50, p99 and max in microseconds.
 */
@EnabledIfSystemProperty(named = "liora.bench", matches = "true")
class UnderstandingBenchmark {

    @Test
    void classificationLatency() throws Exception {
        Understanding understanding = Understanding.trained();
        CatalogIndex catalog = UnderstandingEvaluationTest.demoCatalog();
        List<String> messages = TrainingSet.read(getClass().getClassLoader().getResourceAsStream(
                "understanding/held-out.tsv"), "held-out.tsv").stream().map(IntentClassifier.Example::text).toList();
        for (int warm = 0; warm < 200; warm++) {
            messages.forEach(message -> understanding.understand(message, catalog));
        }
        int rounds = 100;
        long[] micros = new long[rounds * messages.size()];
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            for (String message : messages) {
                long start = System.nanoTime();
                understanding.understand(message, catalog);
                micros[n++] = (System.nanoTime() - start) / 1_000;
            }
        }
        Arrays.sort(micros);
        System.out.printf("understanding: %d messages, p50 %d µs, p99 %d µs, max %d µs%n", micros.length,
                micros[micros.length / 2], micros[(int) (micros.length * 0.99)], micros[micros.length - 1]);
        assertThat(micros).isNotEmpty();
    }
}
