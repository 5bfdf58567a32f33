package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.nlp.core.Application;
import ai.tock.nlp.core.Intent;
import ai.tock.nlp.core.IntentClassification;
import ai.tock.nlp.core.NlpEngineType;
import ai.tock.nlp.core.configuration.NlpApplicationConfiguration;
import ai.tock.nlp.core.sample.SampleContext;
import ai.tock.nlp.core.sample.SampleExpression;
import ai.tock.nlp.model.IntentContext;
import ai.tock.nlp.model.TokenizerContext;
import ai.tock.nlp.model.service.engine.IntentClassifier;
import ai.tock.nlp.model.service.engine.Tokenizer;
import ai.tock.nlp.model.service.engine.TokenizerModelHolder;
import ai.tock.nlp.opennlp.OpenNlpEngineProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The model is evaluated directly: it must give what Tock's own classifier gives for the same training. */
class OpenNlpIntentModelTest {

    private final TextNormalizer normalizer = new TextNormalizer();
    private final List<TrainingSample> samples = IntStream.range(0, 3).boxed().flatMap(i -> List.of(
            sample("où est le gitter " + i, "gitter"), sample("le salon gitter de tock", "gitter"),
            sample("quelle est la licence", "licence"), sample("what licence is tock under", "licence"),
            sample("tock sur kubernetes k8s", "kubernetes"), sample("deployer tock 23 sur k8s", "kubernetes")).stream()).toList();
    private final List<String> intents = List.of("licence", "unseen", "gitter", "kubernetes");

    private TrainingSample sample(String text, String intent) {
        return new TrainingSample(normalizer.tokens(text), intent);
    }

    @Test
    void gives_tocks_own_probabilities_in_the_callers_order() {
        OpenNlpIntentModel model = new OpenNlpIntentModel(samples, intents);
        Map<String, Map<String, Double>> tock = new HashMap<>();
        List<String> messages = List.of("où est le gitter", "licence", "k8s", "tock 2 sur k8s", "xyz9 gitter", "licence licence");
        TockClassifier reference = new TockClassifier(samples);
        for (String message : messages) {
            List<String> tokens = normalizer.tokens(message);
            double[] probabilities = model.probabilities(tokens);
            Map<String, Double> expected = reference.probabilities(String.join(" ", tokens));
            assertEquals(0.0, probabilities[intents.indexOf("unseen")], message);
            double sum = 0;
            for (String intent : List.of("licence", "gitter", "kubernetes")) {
                assertEquals(expected.get(intent), probabilities[intents.indexOf(intent)], 1e-12, message + " " + intent);
                sum += probabilities[intents.indexOf(intent)];
            }
            assertEquals(1.0, sum, 1e-9, message);
            tock.put(message, expected);
        }
        assertTrue(tock.get("k8s").get("kubernetes") > 0.5, tock.get("k8s").toString());
    }

    @Test
    void an_empty_message_has_no_probability() {
        double[] probabilities = new OpenNlpIntentModel(samples, intents).probabilities(List.of());
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), java.util.Arrays.stream(probabilities).boxed().toList());
    }

    /** The same training through Tock's classifier and tokenizer, as Tock's NLP would call them. */
    private static final class TockClassifier {
        private final IntentContext context;
        private final IntentClassifier classifier;
        private final Tokenizer tokenizer;
        private final TokenizerContext tokenizerContext;

        TockClassifier(List<TrainingSample> samples) {
            OpenNlpEngineProvider provider = new OpenNlpEngineProvider();
            Map<String, Intent> intents = new HashMap<>();
            samples.forEach(s -> intents.computeIfAbsent(s.intent(), name -> new Intent(name, List.of(), Map.of())));
            Application application = new Application("community", List.copyOf(intents.values()), Set.of(Locale.FRENCH), false);
            context = new IntentContext(application, Locale.FRENCH, NlpEngineType.Companion.getOpennlp(), application.getName());
            NlpApplicationConfiguration configuration = provider.getModelBuilder().defaultNlpApplicationConfiguration();
            List<SampleExpression> expressions = samples.stream()
                    .map(s -> new SampleExpression(String.join(" ", s.tokens()), intents.get(s.intent()), List.of(),
                            new SampleContext(Locale.FRENCH)))
                    .toList();
            classifier = provider.getIntentClassifier(provider.getModelBuilder().buildIntentModel(context, configuration, expressions));
            tokenizer = provider.getTokenizer(new TokenizerModelHolder(Locale.FRENCH, configuration));
            tokenizerContext = new TokenizerContext(context);
        }

        Map<String, Double> probabilities(String normalized) {
            IntentClassification classification = classifier.classifyIntent(context, normalized, tokenizer.tokenize(tokenizerContext, normalized));
            Map<String, Double> result = new HashMap<>();
            while (classification.hasNext()) {
                String intent = classification.next().getName();
                result.put(intent, classification.probability());
            }
            return result;
        }
    }
}
