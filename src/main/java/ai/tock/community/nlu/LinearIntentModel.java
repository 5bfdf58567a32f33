package ai.tock.community.nlu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A softmax (multinomial logistic) regression over the n-gram index's TF-IDF features: unlike the
 * nearest-sample vote, it learns which n-grams tell two close topics apart ("news" vs "tock-news").
 * Trained with AdaGrad in a few hundred milliseconds; the seed is fixed so every start gives the same model.
 */
final class LinearIntentModel {

    // 6 passes over the questions and their copies with chat around them (twice as many samples): on the
    // development sets, 40 passes scored as 15, and 10 or 6 within what another random order changes
    // (a message or two); 6 keep the bot's start-up in budget.
    private static final int EPOCHS = 6;
    private static final double LEARNING_RATE = 0.5;
    private static final double L2 = 1e-5;
    private static final double NEGLIGIBLE = 1e-4;

    private final List<String> intents;
    private final double[][] weights;
    private final double[] bias;

    /**
     * Its classes are the index's intents, in the same order, so their scores line up.
     *
     * @param samples the index's samples, then any more to learn from (their vectors are computed here)
     */
    LinearIntentModel(List<TrainingSample> samples, NgramIndex.Trained trained) {
        NgramIndex features = trained.index();
        this.intents = features.intents();
        Map<String, Integer> classIds = new HashMap<>();
        intents.forEach(i -> classIds.put(i, classIds.size()));
        int classes = intents.size();
        this.weights = new double[features.featureCount()][classes];
        this.bias = new double[classes];
        double[][] squaredGradients = new double[features.featureCount()][classes];
        double[] biasSquared = new double[classes];

        // Dense arrays for the training loop: it runs some million times.
        int[][] featureIds = new int[samples.size()][];
        double[][] values = new double[samples.size()][];
        for (int i = 0; i < samples.size(); i++) {
            NgramIndex.Vector vector = i < trained.sampleVectors().size() ? trained.sampleVectors().get(i)
                    : features.vector(samples.get(i).tokens());
            featureIds[i] = vector.ids();
            values[i] = vector.weights();
        }
        int[] labels = samples.stream().mapToInt(s -> classIds.get(s.intent())).toArray();
        int[] order = new int[samples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(42);
        double[] p = new double[classes];
        int[] learning = new int[classes];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            shuffle(order, random);
            for (int i : order) {
                scores(featureIds[i], values[i], p);
                softmaxInPlace(p);
                p[labels[i]] -= 1; // gradient of the cross-entropy on the scores
                // Once learnt, most classes' errors are ~0: updating only the others is most of the speed.
                int active = 0;
                for (int c = 0; c < classes; c++) {
                    if (Math.abs(p[c]) >= NEGLIGIBLE) {
                        learning[active++] = c;
                    }
                }
                for (int f = 0; f < featureIds[i].length; f++) {
                    double[] w = weights[featureIds[i][f]];
                    double[] g2 = squaredGradients[featureIds[i][f]];
                    double x = values[i][f];
                    for (int a = 0; a < active; a++) {
                        int c = learning[a];
                        double g = p[c] * x + L2 * w[c];
                        g2[c] += g * g;
                        w[c] -= LEARNING_RATE * g / Math.sqrt(g2[c] + 1e-8);
                    }
                }
                for (int c = 0; c < classes; c++) {
                    biasSquared[c] += p[c] * p[c];
                    bias[c] -= LEARNING_RATE * p[c] / Math.sqrt(biasSquared[c] + 1e-8);
                }
            }
        }
    }

    /** The probability of each intent, in the index's intent order; they add up to 1. */
    double[] probabilities(NgramIndex.Vector vector) {
        double[] p = new double[bias.length];
        scores(vector.ids(), vector.weights(), p);
        softmaxInPlace(p);
        return p;
    }

    private void scores(int[] featureIds, double[] values, double[] into) {
        System.arraycopy(bias, 0, into, 0, bias.length);
        for (int f = 0; f < featureIds.length; f++) {
            double[] w = weights[featureIds[f]];
            double x = values[f];
            for (int c = 0; c < into.length; c++) {
                into[c] += w[c] * x;
            }
        }
    }

    private static void softmaxInPlace(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < scores.length; c++) {
            scores[c] /= sum;
        }
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
