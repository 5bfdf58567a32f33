package ai.tock.community.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TF-IDF index of character n-grams (3 to 5, inside words) and whole words over the sample
 * questions. Character n-grams make "gitre" and "gitter" close; words reward exact vocabulary.
 * Scoring walks an inverted index, so a query costs a few postings, not a pass over every sample.
 * Everything on the path of a message is arrays: classification must stay well under a millisecond.
 */
final class NgramIndex {

    private static final int MIN_N = 3;
    private static final int MAX_N = 5;
    private static final double WORD_WEIGHT = 1.5;

    /** A message as sparse TF-IDF weights over the index's features, L2-normalized. */
    record Vector(int[] ids, double[] weights) {
    }

    private final Map<String, Integer> featureIds = new HashMap<>();
    private final int[][] postingSamples;
    private final float[][] postingWeights;
    private final double[] idf;
    private final double maxIdf;
    private final int[] sampleIntent;
    private final List<String> intents;
    // Feature-major: a query feature reads one short row of all intents' centroid weights.
    private final float[][] centroidsByFeature;
    // Per-sample scores, reused by each thread: a fresh array per message was a quarter of the bytes
    // the bot allocated per turn (JFR), and garbage promoted under load means full collections.
    private final ThreadLocal<double[]> sampleScratch;

    /** The index, and each sample as a vector over it (in the samples' order), for models trained on them. */
    record Trained(NgramIndex index, List<Vector> sampleVectors) {
    }

    static Trained train(List<TrainingSample> samples) {
        List<Vector> vectors = new ArrayList<>();
        NgramIndex index = new NgramIndex(samples, vectors);
        return new Trained(index, List.copyOf(vectors));
    }

    /** @param vectors filled with each sample's vector, which the index computes anyway */
    private NgramIndex(List<TrainingSample> samples, List<Vector> vectors) {
        Map<String, Integer> intentIds = new LinkedHashMap<>();
        samples.forEach(s -> intentIds.putIfAbsent(s.intent(), intentIds.size()));
        this.intents = List.copyOf(intentIds.keySet());
        this.sampleIntent = samples.stream().mapToInt(s -> intentIds.get(s.intent())).toArray();

        List<Map<String, Double>> termFrequencies = new ArrayList<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (TrainingSample sample : samples) {
            Map<String, Double> tf = features(sample.tokens());
            termFrequencies.add(tf);
            tf.keySet().forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
        }
        documentFrequency.keySet().forEach(f -> featureIds.put(f, featureIds.size()));
        this.idf = new double[featureIds.size()];
        documentFrequency.forEach((f, df) -> idf[featureIds.get(f)] = Math.log(1.0 + samples.size() / (double) df));
        this.maxIdf = Math.log(1.0 + samples.size());

        List<List<int[]>> postings = new ArrayList<>();
        for (int f = 0; f < idf.length; f++) {
            postings.add(new ArrayList<>());
        }
        double[][] centroidSums = new double[intents.size()][idf.length];
        for (int i = 0; i < samples.size(); i++) {
            Vector v = weigh(termFrequencies.get(i));
            vectors.add(v);
            for (int k = 0; k < v.ids().length; k++) {
                postings.get(v.ids()[k]).add(new int[]{i, k});
                centroidSums[sampleIntent[i]][v.ids()[k]] += v.weights()[k];
            }
        }
        this.postingSamples = new int[idf.length][];
        this.postingWeights = new float[idf.length][];
        for (int f = 0; f < idf.length; f++) {
            List<int[]> list = postings.get(f);
            postingSamples[f] = new int[list.size()];
            postingWeights[f] = new float[list.size()];
            for (int p = 0; p < list.size(); p++) {
                int sample = list.get(p)[0];
                postingSamples[f][p] = sample;
                postingWeights[f][p] = (float) vectors.get(sample).weights()[list.get(p)[1]];
            }
        }
        int sampleCount = samples.size();
        this.sampleScratch = ThreadLocal.withInitial(() -> new double[sampleCount]);
        this.centroidsByFeature = new float[idf.length][intents.size()];
        for (int c = 0; c < intents.size(); c++) {
            double norm = 0;
            for (double w : centroidSums[c]) {
                norm += w * w;
            }
            norm = Math.sqrt(norm);
            for (int f = 0; f < idf.length; f++) {
                centroidsByFeature[f][c] = norm == 0 ? 0 : (float) (centroidSums[c][f] / norm);
            }
        }
    }

    /** The intents, in the order of {@link #similarities}' results. */
    List<String> intents() {
        return intents;
    }

    int featureCount() {
        return idf.length;
    }

    /** A message, already tokenized by {@link TextNormalizer#tokens}, as a TF-IDF vector. */
    Vector vector(List<String> tokens) {
        return weigh(features(tokens));
    }

    /**
     * For each intent (in {@link #intents()} order), how close the message is: the mean of the best
     * sample similarity and the similarity to the intent's centroid (cosine, 0 to 1).
     */
    double[] similarities(Vector query) {
        double[] sampleScores = sampleScratch.get();
        java.util.Arrays.fill(sampleScores, 0);
        for (int k = 0; k < query.ids().length; k++) {
            int[] samples = postingSamples[query.ids()[k]];
            float[] weights = postingWeights[query.ids()[k]];
            double w = query.weights()[k];
            for (int p = 0; p < samples.length; p++) {
                sampleScores[samples[p]] += w * weights[p];
            }
        }
        double[] best = new double[intents.size()];
        for (int i = 0; i < sampleScores.length; i++) {
            best[sampleIntent[i]] = Math.max(best[sampleIntent[i]], sampleScores[i]);
        }
        double[] toCentroid = new double[intents.size()];
        for (int k = 0; k < query.ids().length; k++) {
            float[] row = centroidsByFeature[query.ids()[k]];
            double w = query.weights()[k];
            for (int c = 0; c < row.length; c++) {
                toCentroid[c] += w * row[c];
            }
        }
        for (int c = 0; c < toCentroid.length; c++) {
            toCentroid[c] = 0.5 * best[c] + 0.5 * toCentroid[c];
        }
        return toCentroid;
    }

    private Map<String, Double> features(List<String> tokens) {
        Map<String, Double> tf = new HashMap<>();
        for (String token : tokens) {
            tf.merge("w:" + token, WORD_WEIGHT, Double::sum);
            String padded = " " + token + " ";
            for (int n = MIN_N; n <= MAX_N; n++) {
                for (int i = 0; i + n <= padded.length(); i++) {
                    tf.merge(padded.substring(i, i + n), 1.0, Double::sum);
                }
            }
        }
        return tf;
    }

    /**
     * TF-IDF with sub-linear term frequency, L2-normalized. Features the samples never had count in
     * the norm as the rarest ones would, so words new to the bot pull the similarity down.
     */
    private Vector weigh(Map<String, Double> tf) {
        int[] ids = new int[tf.size()];
        double[] weights = new double[tf.size()];
        int known = 0;
        double squares = 0;
        for (var e : tf.entrySet()) {
            Integer id = featureIds.get(e.getKey());
            double w = 1 + Math.log(e.getValue());
            if (id != null) {
                ids[known] = id;
                weights[known] = w * idf[id];
                squares += weights[known] * weights[known];
                known++;
            } else {
                squares += (w * maxIdf) * (w * maxIdf);
            }
        }
        double norm = Math.sqrt(squares);
        int[] keptIds = java.util.Arrays.copyOf(ids, known);
        double[] keptWeights = java.util.Arrays.copyOf(weights, known);
        if (norm > 0) {
            for (int k = 0; k < known; k++) {
                keptWeights[k] /= norm;
            }
        }
        return new Vector(keptIds, keptWeights);
    }
}
