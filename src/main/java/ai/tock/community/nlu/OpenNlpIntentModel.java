package ai.tock.community.nlu;

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

/**
 * Tock's own OpenNLP (maximum entropy) intent model, trained in-process from the stories' questions.
 * It sees normalized text, so accents and elisions do not split the vocabulary.
 */
final class OpenNlpIntentModel {

    // One model for both languages: the intents are the same and the vocabularies barely overlap.
    private static final Locale MODEL_LOCALE = Locale.FRENCH;

    private final IntentContext context;
    private final IntentClassifier classifier;
    private final Tokenizer tokenizer;
    private final TokenizerContext tokenizerContext;

    OpenNlpIntentModel(List<TrainingSample> samples) {
        OpenNlpEngineProvider provider = new OpenNlpEngineProvider();
        Map<String, Intent> intents = new HashMap<>();
        samples.forEach(s -> intents.computeIfAbsent(s.intent(), name -> new Intent(name, List.of(), Map.of())));
        Application application = new Application("community", List.copyOf(intents.values()), Set.of(MODEL_LOCALE), false);
        NlpEngineType engine = NlpEngineType.Companion.getOpennlp();
        this.context = new IntentContext(application, MODEL_LOCALE, engine, application.getName());
        NlpApplicationConfiguration configuration = provider.getModelBuilder().defaultNlpApplicationConfiguration();
        List<SampleExpression> expressions = samples.stream()
                .map(s -> new SampleExpression(String.join(" ", s.tokens()), intents.get(s.intent()), List.of(),
                        new SampleContext(MODEL_LOCALE)))
                .toList();
        this.classifier = provider.getIntentClassifier(
                provider.getModelBuilder().buildIntentModel(context, configuration, expressions));
        this.tokenizer = provider.getTokenizer(new TokenizerModelHolder(MODEL_LOCALE, configuration));
        this.tokenizerContext = new TokenizerContext(context);
    }

    /**
     * The probability of each intent; they add up to 1.
     *
     * @param tokens the message as {@link TextNormalizer#tokens} gives it, as the samples were learnt
     */
    Map<String, Double> probabilities(List<String> tokens) {
        String normalized = String.join(" ", tokens);
        Map<String, Double> result = new HashMap<>();
        if (normalized.isEmpty()) {
            return result;
        }
        IntentClassification classification =
                classifier.classifyIntent(context, normalized, tokenizer.tokenize(tokenizerContext, normalized));
        while (classification.hasNext()) {
            Intent intent = classification.next();
            result.put(intent.getName(), classification.probability());
        }
        return result;
    }
}
