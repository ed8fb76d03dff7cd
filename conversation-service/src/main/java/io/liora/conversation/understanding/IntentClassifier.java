package io.liora.conversation.understanding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A multinomial logistic regression over {@link Features}, trained in memory from labelled
 * examples (a few hundred take well under a second) and deterministic: the same examples give the
 * same model. Each message's features are weighted 1/sqrt(n) so long and short messages weigh the
 * same; the answer is every label with its probability, best first.
 */
public final class IntentClassifier {

    static final int EPOCHS = 200;
    static final double LEARNING_RATE = 2.0;
    static final double L2 = 1e-5;
    private static final long SEED = 20261202L;

    /** One training message and its label. */
    public record Example(String label, String text) {
    }

    /** A label and how likely it is. */
    public record Scored(String label, double probability) {
    }

    private final List<String> labels;
    private final Map<String, Integer> featureIds;
    private final double[][] weights;
    private final double[] bias;

    private IntentClassifier(List<String> labels, Map<String, Integer> featureIds, double[][] weights, double[] bias) {
        this.labels = labels;
        this.featureIds = featureIds;
        this.weights = weights;
        this.bias = bias;
    }

    /** Trains on {@code examples}, whose text is already {@link Lexicon#normalize normalised}. */
    public static IntentClassifier train(List<Example> examples) {
        List<String> labels = examples.stream().map(Example::label).distinct().sorted().toList();
        Map<String, Integer> featureIds = new HashMap<>();
        List<int[]> inputs = new ArrayList<>();
        int[] targets = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            Set<String> features = Features.of(examples.get(i).text());
            int[] ids = features.stream().mapToInt(f -> featureIds.computeIfAbsent(f, k -> featureIds.size())).toArray();
            inputs.add(ids);
            targets[i] = labels.indexOf(examples.get(i).label());
        }
        double[][] weights = new double[labels.size()][featureIds.size()];
        double[] bias = new double[labels.size()];
        IntentClassifier model = new IntentClassifier(labels, featureIds, weights, bias);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        Random random = new Random(SEED);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            double rate = LEARNING_RATE / (1 + epoch * 0.1);
            for (int i : order) {
                int[] ids = inputs.get(i);
                double x = 1 / Math.sqrt(Math.max(1, ids.length));
                double[] p = model.probabilities(ids, x);
                for (int label = 0; label < labels.size(); label++) {
                    double gradient = p[label] - (label == targets[i] ? 1 : 0);
                    double[] w = weights[label];
                    for (int id : ids) {
                        w[id] -= rate * (gradient * x + L2 * w[id]);
                    }
                    bias[label] -= rate * gradient;
                }
            }
        }
        return model;
    }

    /** Every label with its probability for {@code normalized}, best first. */
    public List<Scored> classify(String normalized) {
        Set<String> features = Features.of(normalized);
        int[] ids = features.stream().map(featureIds::get).filter(id -> id != null).mapToInt(Integer::intValue).toArray();
        // weighted by all of the message's features, known or not: words never seen make it less sure
        double[] p = probabilities(ids, 1 / Math.sqrt(Math.max(1, features.size())));
        List<Scored> scored = new ArrayList<>(labels.size());
        for (int label = 0; label < labels.size(); label++) {
            scored.add(new Scored(labels.get(label), p[label]));
        }
        scored.sort(Comparator.comparingDouble(Scored::probability).reversed());
        return scored;
    }

    private double[] probabilities(int[] ids, double x) {
        double[] scores = new double[labels.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int label = 0; label < labels.size(); label++) {
            double score = bias[label];
            double[] w = weights[label];
            for (int id : ids) {
                score += w[id] * x;
            }
            scores[label] = score;
            max = Math.max(max, score);
        }
        double sum = 0;
        for (int label = 0; label < scores.length; label++) {
            scores[label] = Math.exp(scores[label] - max);
            sum += scores[label];
        }
        for (int label = 0; label < scores.length; label++) {
            scores[label] /= sum;
        }
        return scores;
    }
}
