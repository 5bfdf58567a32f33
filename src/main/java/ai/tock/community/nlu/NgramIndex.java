package ai.tock.community.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

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
    private static final String WORD_PREFIX = "w:";

    /** A message as sparse TF-IDF weights over the index's features, L2-normalized. */
    record Vector(int[] ids, double[] weights) {
    }

    // A message's features are looked up as slices of its words: no string is built per n-gram.
    private final FeatureTable grams;
    private final FeatureTable words;
    private final boolean[] isWord;
    // Posting lists name samples by their position in intent order, so that each intent's samples
    // are one range of the score array.
    private final int[][] postingSamples;
    private final float[][] postingWeights;
    private final double[] idf;
    private final double maxIdf;
    private final int[] intentStart;
    private final List<String> intents;
    // Feature-major: a query feature reads one short row of all intents' centroid weights.
    private final float[][] centroidsByFeature;
    // Per-sample scores, reused: a fresh array per message was a quarter of the bytes the bot allocated
    // per turn (JFR), and garbage promoted under load means full collections. A pool rather than a
    // ThreadLocal: in Tock's worker threads the ThreadLocal lookup alone took a third of the bot's CPU
    // under load (JFR: ThreadLocalMap.getEntryAfterMiss). It holds at most one array per concurrent caller.
    private final Deque<double[]> sampleScratch = new ConcurrentLinkedDeque<>();
    private final int sampleCount;

    /** The index, and each sample as a vector over it (in the samples' order), for models trained on them. */
    record Trained(NgramIndex index, List<Vector> sampleVectors) {
    }

    /** @param intents every sample's intent, once each: the order of {@link #similarities}' results */
    static Trained train(List<TrainingSample> samples, List<String> intents) {
        return train(samples, List.of(), intents);
    }

    /**
     * @param background more messages whose words the index knows and weighs (their frequency lowers a
     *                   word's weight), but that are never a nearest sample: questions with chat around them
     */
    static Trained train(List<TrainingSample> samples, List<TrainingSample> background, List<String> intents) {
        List<Vector> vectors = new ArrayList<>();
        NgramIndex index = new NgramIndex(samples, background, intents, vectors);
        return new Trained(index, List.copyOf(vectors));
    }

    /** @param vectors filled with each sample's vector, which the index computes anyway */
    private NgramIndex(List<TrainingSample> samples, List<TrainingSample> background, List<String> intents, List<Vector> vectors) {
        this.intents = List.copyOf(intents);
        Map<String, Integer> intentIds = new HashMap<>();
        intents.forEach(intent -> intentIds.put(intent, intentIds.size()));
        int[] sampleIntent = samples.stream().mapToInt(s -> intentIds.get(s.intent())).toArray();

        Map<String, Integer> documentFrequency = new HashMap<>();
        for (TrainingSample sample : samples) {
            featureNames(sample.tokens()).forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
        }
        for (TrainingSample sample : background) {
            featureNames(sample.tokens()).forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
        }
        int documents = samples.size() + background.size();
        Map<String, Integer> gramIds = new HashMap<>();
        Map<String, Integer> wordIds = new HashMap<>();
        this.idf = new double[documentFrequency.size()];
        this.isWord = new boolean[idf.length];
        documentFrequency.forEach((f, df) -> {
            int id = gramIds.size() + wordIds.size();
            if (f.startsWith(WORD_PREFIX)) {
                wordIds.put(f.substring(WORD_PREFIX.length()), id);
                isWord[id] = true;
            } else {
                gramIds.put(f, id);
            }
            idf[id] = Math.log(1.0 + documents / (double) df);
        });
        this.grams = new FeatureTable(gramIds);
        this.words = new FeatureTable(wordIds);
        this.maxIdf = Math.log(1.0 + documents);

        // Positions in intent order (stable): intent c owns positions intentStart[c] to intentStart[c + 1].
        int[] position = new int[samples.size()];
        this.intentStart = new int[intents.size() + 1];
        for (int intent : sampleIntent) {
            intentStart[intent + 1]++;
        }
        for (int c = 0; c < intents.size(); c++) {
            intentStart[c + 1] += intentStart[c];
        }
        int[] next = Arrays.copyOf(intentStart, intents.size());
        for (int i = 0; i < samples.size(); i++) {
            position[i] = next[sampleIntent[i]]++;
        }

        List<List<int[]>> postings = new ArrayList<>();
        for (int f = 0; f < idf.length; f++) {
            postings.add(new ArrayList<>());
        }
        double[][] centroidSums = new double[intents.size()][idf.length];
        for (int i = 0; i < samples.size(); i++) {
            Vector v = vector(samples.get(i).tokens());
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
                postingSamples[f][p] = position[sample];
                postingWeights[f][p] = (float) vectors.get(sample).weights()[list.get(p)[1]];
            }
        }
        this.sampleCount = samples.size();
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

    /**
     * A message, already tokenized by {@link TextNormalizer#tokens}, as a TF-IDF vector: sub-linear
     * term frequency, L2-normalized, feature ids ascending. Features the samples never had count in
     * the norm as the rarest ones would, so words new to the bot pull the similarity down.
     */
    Vector vector(List<String> tokens) {
        int occurrences = 0;
        for (String token : tokens) {
            occurrences += 1 + gramsIn(token.length() + 2);
        }
        int[] found = new int[occurrences];
        int known = 0;
        Map<String, Double> unknown = null; // new words only: typos and vocabulary the samples lack
        for (String token : tokens) {
            int word = words.id(token, 0, token.length());
            if (word >= 0) {
                found[known++] = word;
            } else {
                unknown = countUnknown(unknown, WORD_PREFIX + token, WORD_WEIGHT);
            }
            String padded = " " + token + " ";
            for (int n = MIN_N; n <= MAX_N; n++) {
                for (int i = 0; i + n <= padded.length(); i++) {
                    int gram = grams.id(padded, i, i + n);
                    if (gram >= 0) {
                        found[known++] = gram;
                    } else {
                        unknown = countUnknown(unknown, padded.substring(i, i + n), 1.0);
                    }
                }
            }
        }
        Arrays.sort(found, 0, known);
        int[] ids = new int[known];
        double[] weights = new double[known];
        int distinct = 0;
        double squares = 0;
        for (int k = 0; k < known; ) {
            int id = found[k];
            int end = k;
            while (end < known && found[end] == id) {
                end++;
            }
            double tf = (end - k) * (isWord[id] ? WORD_WEIGHT : 1.0);
            ids[distinct] = id;
            weights[distinct] = (1 + Math.log(tf)) * idf[id];
            squares += weights[distinct] * weights[distinct];
            distinct++;
            k = end;
        }
        if (unknown != null) {
            for (double tf : unknown.values()) {
                double w = (1 + Math.log(tf)) * maxIdf;
                squares += w * w;
            }
        }
        double norm = Math.sqrt(squares);
        int[] keptIds = Arrays.copyOf(ids, distinct);
        double[] keptWeights = Arrays.copyOf(weights, distinct);
        if (norm > 0) {
            for (int k = 0; k < distinct; k++) {
                keptWeights[k] /= norm;
            }
        }
        return new Vector(keptIds, keptWeights);
    }

    /**
     * For each intent (in {@link #intents()} order), how close the message is: the mean of the best
     * sample similarity and the similarity to the intent's centroid (cosine, 0 to 1).
     */
    double[] similarities(Vector query) {
        double[] pooled = sampleScratch.pollFirst();
        double[] sampleScores = pooled != null ? pooled : new double[sampleCount];
        if (pooled != null) {
            Arrays.fill(sampleScores, 0);
        }
        for (int k = 0; k < query.ids().length; k++) {
            int[] samples = postingSamples[query.ids()[k]];
            float[] weights = postingWeights[query.ids()[k]];
            double w = query.weights()[k];
            for (int p = 0; p < samples.length; p++) {
                sampleScores[samples[p]] += w * weights[p];
            }
        }
        double[] best = new double[intents.size()];
        for (int c = 0; c < best.length; c++) {
            double max = 0;
            for (int i = intentStart[c]; i < intentStart[c + 1]; i++) {
                if (sampleScores[i] > max) { // Math.max's NaN handling costs here; scores are never NaN
                    max = sampleScores[i];
                }
            }
            best[c] = max;
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
        sampleScratch.offerFirst(sampleScores);
        return toCentroid;
    }

    /** How many n-grams (of {@link #MIN_N} to {@link #MAX_N} characters) a padded word of this length has. */
    private static int gramsIn(int paddedLength) {
        int count = 0;
        for (int n = MIN_N; n <= MAX_N; n++) {
            count += Math.max(0, paddedLength - n + 1);
        }
        return count;
    }

    private static Map<String, Double> countUnknown(Map<String, Double> unknown, String feature, double weight) {
        Map<String, Double> counts = unknown == null ? new HashMap<>() : unknown;
        counts.merge(feature, weight, Double::sum);
        return counts;
    }

    /** The distinct feature names of a message, for training: words as "w:word", n-grams as they are. */
    private static Set<String> featureNames(List<String> tokens) {
        Set<String> names = new HashSet<>();
        for (String token : tokens) {
            names.add(WORD_PREFIX + token);
            String padded = " " + token + " ";
            for (int n = MIN_N; n <= MAX_N; n++) {
                for (int i = 0; i + n <= padded.length(); i++) {
                    names.add(padded.substring(i, i + n));
                }
            }
        }
        return names;
    }

    /**
     * Feature names to ids, looked up by a slice of a string (open addressing, String's own hash), so
     * that scoring a message builds no string per n-gram.
     */
    private static final class FeatureTable {
        private final String[] keys;
        private final int[] ids;
        private final int mask;

        FeatureTable(Map<String, Integer> idsByName) {
            int capacity = Integer.highestOneBit(Math.max(4, idsByName.size() * 2 - 1)) << 1;
            this.keys = new String[capacity];
            this.ids = new int[capacity];
            this.mask = capacity - 1;
            idsByName.forEach((name, id) -> {
                int slot = spread(name.hashCode()) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = name;
                ids[slot] = id;
            });
        }

        /** The id of {@code text[from, to)}, or -1. */
        int id(String text, int from, int to) {
            int hash = 0;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + text.charAt(i);
            }
            int length = to - from;
            for (int slot = spread(hash) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
                String key = keys[slot];
                if (key.length() == length && key.regionMatches(0, text, from, length)) {
                    return ids[slot];
                }
            }
            return -1;
        }

        private static int spread(int hash) {
            return hash ^ (hash >>> 16);
        }
    }
}
