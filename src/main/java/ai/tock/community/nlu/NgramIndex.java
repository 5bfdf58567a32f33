package ai.tock.community.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A TF-IDF index of character n-grams (3 to 5, inside words) and whole words over the sample
 * questions. Character n-grams make "gitre" and "gitter" close; words reward exact vocabulary.
 * Scoring walks an inverted index, so a query costs a few postings, not a pass over every sample.
 */
final class NgramIndex {

    private static final int MIN_N = 3;
    private static final int MAX_N = 5;
    private static final double WORD_WEIGHT = 1.5;

    private record Posting(int sample, float weight) {
    }

    private final TextNormalizer normalizer;
    private final Map<String, Integer> featureIds = new HashMap<>();
    private final List<List<Posting>> postings = new ArrayList<>();
    private final double[] idf;
    private final double maxIdf;
    private final String[] sampleIntents;
    private final List<String> intents;
    private final Map<String, Map<Integer, Double>> centroids = new HashMap<>();

    NgramIndex(List<TrainingSample> samples, TextNormalizer normalizer) {
        this.normalizer = normalizer;
        this.sampleIntents = new String[samples.size()];
        List<Map<String, Double>> rawVectors = new ArrayList<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            sampleIntents[i] = samples.get(i).intent();
            Map<String, Double> tf = features(samples.get(i).text());
            rawVectors.add(tf);
            tf.keySet().forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
        }
        documentFrequency.keySet().forEach(f -> {
            featureIds.put(f, featureIds.size());
            postings.add(new ArrayList<>());
        });
        this.idf = new double[featureIds.size()];
        documentFrequency.forEach((f, df) -> idf[featureIds.get(f)] = Math.log(1.0 + samples.size() / (double) df));
        this.maxIdf = Math.log(1.0 + samples.size());
        for (int i = 0; i < rawVectors.size(); i++) {
            Map<Integer, Double> vector = weigh(rawVectors.get(i));
            int sample = i;
            vector.forEach((id, w) -> postings.get(id).add(new Posting(sample, w.floatValue())));
            Map<Integer, Double> centroid = centroids.computeIfAbsent(sampleIntents[i], k -> new HashMap<>());
            vector.forEach((id, w) -> centroid.merge(id, w, Double::sum));
        }
        centroids.values().forEach(NgramIndex::normalizeInPlace);
        this.intents = List.copyOf(centroids.keySet());
    }

    /**
     * For each intent, how close the text is: the mean of the best sample similarity and the
     * similarity to the intent's centroid (cosine, 0 to 1).
     */
    Map<String, Double> similarities(String text) {
        Map<Integer, Double> query = weigh(features(text));
        double[] sampleScores = new double[sampleIntents.length];
        query.forEach((id, w) -> {
            for (Posting p : postings.get(id)) {
                sampleScores[p.sample()] += w * p.weight();
            }
        });
        Map<String, Double> best = new HashMap<>();
        for (int i = 0; i < sampleScores.length; i++) {
            best.merge(sampleIntents[i], sampleScores[i], Math::max);
        }
        Map<String, Double> result = new HashMap<>();
        for (String intent : intents) {
            Map<Integer, Double> centroid = centroids.get(intent);
            double toCentroid = 0;
            for (var e : query.entrySet()) {
                Double c = centroid.get(e.getKey());
                if (c != null) {
                    toCentroid += e.getValue() * c;
                }
            }
            result.put(intent, 0.5 * best.getOrDefault(intent, 0.0) + 0.5 * toCentroid);
        }
        return result;
    }

    /** The message as a TF-IDF vector over the samples' features (feature id to weight). */
    Map<Integer, Double> vector(String text) {
        return weigh(features(text));
    }

    int featureCount() {
        return idf.length;
    }

    /** Whether the index knows this word, exactly: used to tell known vocabulary from new words. */
    boolean knowsWord(String token) {
        return featureIds.containsKey("w:" + token);
    }

    private Map<String, Double> features(String text) {
        Map<String, Double> tf = new HashMap<>();
        for (String token : normalizer.tokens(text)) {
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
    private Map<Integer, Double> weigh(Map<String, Double> tf) {
        Map<Integer, Double> vector = new HashMap<>();
        double unknownMass = 0;
        for (var e : tf.entrySet()) {
            Integer id = featureIds.get(e.getKey());
            double w = 1 + Math.log(e.getValue());
            if (id != null) {
                vector.put(id, w * idf[id]);
            } else {
                unknownMass += (w * maxIdf) * (w * maxIdf);
            }
        }
        double norm = Math.sqrt(vector.values().stream().mapToDouble(v -> v * v).sum() + unknownMass);
        if (norm > 0) {
            vector.replaceAll((k, v) -> v / norm);
        }
        return vector;
    }

    private static void normalizeInPlace(Map<Integer, Double> vector) {
        double norm = Math.sqrt(vector.values().stream().mapToDouble(v -> v * v).sum());
        if (norm > 0) {
            vector.replaceAll((k, v) -> v / norm);
        }
    }
}
