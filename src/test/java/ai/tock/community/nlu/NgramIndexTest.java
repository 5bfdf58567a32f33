package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NgramIndexTest {

    private final TextNormalizer normalizer = new TextNormalizer();
    private final List<TrainingSample> samples = List.of(
            sample("où est le gitter", "gitter"), sample("le salon gitter de tock", "gitter"),
            sample("quelle est la licence", "licence"), sample("what licence is tock under", "licence"),
            sample("where are the sources", "sources"), sample("le code source de tock", "sources"),
            sample("tock sur kubernetes k8s", "declined"));
    private final NgramIndex.Trained trained = NgramIndex.train(samples, samples.stream().map(TrainingSample::intent).distinct().toList());
    private final NgramIndex index = trained.index();

    private TrainingSample sample(String text, String intent) {
        return new TrainingSample(normalizer.tokens(text), intent);
    }

    @Test
    void a_message_gets_the_weights_of_the_plain_tf_idf_definition() {
        for (String text : List.of("où est le gitter", "le gitre de tock tock", "licence k8s zzz", "kubernetes ?", "")) {
            List<String> tokens = normalizer.tokens(text);
            NgramIndex.Vector vector = index.vector(tokens);
            double[] expected = plainWeights(tokens);
            double[] actual = vector.weights().clone();
            Arrays.sort(actual);
            assertArrayEquals(expected, actual, 1e-12, text);
            for (int k = 1; k < vector.ids().length; k++) {
                assertTrue(vector.ids()[k - 1] < vector.ids()[k], "ids ascending and distinct: " + text);
            }
        }
    }

    @Test
    void each_sample_is_its_own_vector_and_closest_to_its_own_intent() {
        for (int i = 0; i < samples.size(); i++) {
            NgramIndex.Vector own = index.vector(samples.get(i).tokens());
            NgramIndex.Vector learnt = trained.sampleVectors().get(i);
            assertArrayEquals(learnt.ids(), own.ids());
            assertArrayEquals(learnt.weights(), own.weights(), 0);
            double[] similarities = index.similarities(own);
            int intent = index.intents().indexOf(samples.get(i).intent());
            for (int c = 0; c < similarities.length; c++) {
                if (c != intent) {
                    assertTrue(similarities[intent] > similarities[c], samples.get(i) + " closer to " + index.intents().get(c));
                }
            }
            // Half of the score is the best sample's cosine, which is 1 for the sample itself.
            assertTrue(similarities[intent] >= 0.5 - 1e-9, Double.toString(similarities[intent]));
        }
    }

    @Test
    void words_the_samples_never_had_pull_the_similarity_down() {
        double known = index.similarities(index.vector(normalizer.tokens("le salon gitter")))[index.intents().indexOf("gitter")];
        double withNewWord = index.similarities(index.vector(normalizer.tokens("le salon gitter xylophone")))[index.intents().indexOf("gitter")];
        assertTrue(withNewWord < known, withNewWord + " >= " + known);
    }

    /**
     * The definition the index implements, with strings: features are "w:word" (weight 1.5 per use)
     * and the 3- to 5-grams of " word "; tf-idf weight (1 + ln tf) * ln(1 + N / df); features no
     * sample has count in the norm with ln(1 + N); L2-normalized. Known features' weights, sorted.
     */
    private double[] plainWeights(List<String> tokens) {
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (TrainingSample s : samples) {
            features(s.tokens()).keySet().forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
        }
        double n = samples.size();
        List<Double> known = new ArrayList<>();
        double squares = 0;
        for (var e : features(tokens).entrySet()) {
            Integer df = documentFrequency.get(e.getKey());
            double w = (1 + Math.log(e.getValue())) * Math.log(1 + (df == null ? n : n / df));
            squares += w * w;
            if (df != null) {
                known.add(w);
            }
        }
        double norm = Math.sqrt(squares);
        return known.stream().mapToDouble(w -> w / norm).sorted().toArray();
    }

    private static Map<String, Double> features(List<String> tokens) {
        Map<String, Double> tf = new HashMap<>();
        for (String token : tokens) {
            tf.merge("w:" + token, 1.5, Double::sum);
            String padded = " " + token + " ";
            for (int len = 3; len <= 5; len++) {
                for (int i = 0; i + len <= padded.length(); i++) {
                    tf.merge(padded.substring(i, i + len), 1.0, Double::sum);
                }
            }
        }
        return tf;
    }

    @Test
    void an_empty_message_has_no_feature_and_no_similarity() {
        NgramIndex.Vector empty = index.vector(List.of());
        assertEquals(0, empty.ids().length);
        Set<Double> scores = new HashSet<>();
        for (double s : index.similarities(empty)) {
            scores.add(s);
        }
        assertEquals(Set.of(0.0), scores);
    }

    @Test
    void background_messages_weigh_their_words_down_but_are_never_a_nearest_sample() {
        // The same samples, plus chat around them as background: "bonjour" and "merci" are in every background message.
        List<TrainingSample> background = samples.stream()
                .map(s -> new TrainingSample(normalizer.tokens("bonjour " + String.join(" ", s.tokens()) + " merci"), s.intent()))
                .toList();
        NgramIndex withChat = NgramIndex.train(samples, background, index.intents()).index();
        // Only the samples are postings: a background message is never the best sample of its intent.
        double[] chatOnly = withChat.similarities(withChat.vector(normalizer.tokens("bonjour merci")));
        for (double similarity : chatOnly) {
            assertTrue(similarity < 0.5, "no sample says only 'bonjour merci': " + similarity);
        }
        NgramIndex.Vector one = withChat.vector(normalizer.tokens("bonjour où est le gitter merci"));
        NgramIndex.Vector plain = index.vector(normalizer.tokens("bonjour où est le gitter merci"));
        double withBackground = withChat.similarities(one)[index.intents().indexOf("gitter")];
        double without = index.similarities(plain)[index.intents().indexOf("gitter")];
        assertTrue(withBackground > without, "greetings the index knows as frequent pull less: " + withBackground + " <= " + without);
    }
}
