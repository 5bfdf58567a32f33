package ai.tock.community.nlu;

import ai.tock.nlp.core.Application;
import ai.tock.nlp.core.Intent;
import ai.tock.nlp.core.NlpEngineType;
import ai.tock.nlp.core.configuration.NlpApplicationConfiguration;
import ai.tock.nlp.core.sample.SampleContext;
import ai.tock.nlp.core.sample.SampleExpression;
import ai.tock.nlp.model.IntentContext;
import ai.tock.nlp.model.TokenizerContext;
import ai.tock.nlp.model.service.engine.Tokenizer;
import ai.tock.nlp.model.service.engine.TokenizerModelHolder;
import ai.tock.nlp.opennlp.OpenNlpEngineProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import opennlp.tools.ml.model.MaxentModel;

/**
 * Tock's own OpenNLP (maximum entropy) intent model, trained in-process from the stories' questions.
 * It sees normalized text, so accents and elisions do not split the vocabulary.
 */
final class OpenNlpIntentModel {

    // One model for both languages: the intents are the same and the vocabularies barely overlap.
    private static final Locale MODEL_LOCALE = Locale.FRENCH;

    private final MaxentModel model;
    private final Tokenizer tokenizer;
    private final TokenizerContext tokenizerContext;
    // For each of the caller's intents, the model's outcome index (-1 when the model never saw it).
    private final int[] outcomeOfIntent;

    /** @param intents the order of {@link #probabilities}' results */
    OpenNlpIntentModel(List<TrainingSample> samples, List<String> intents) {
        OpenNlpEngineProvider provider = new OpenNlpEngineProvider();
        Map<String, Intent> tockIntents = new HashMap<>();
        samples.forEach(s -> tockIntents.computeIfAbsent(s.intent(), name -> new Intent(name, List.of(), Map.of())));
        Application application = new Application("community", List.copyOf(tockIntents.values()), Set.of(MODEL_LOCALE), false);
        NlpEngineType engine = NlpEngineType.Companion.getOpennlp();
        IntentContext context = new IntentContext(application, MODEL_LOCALE, engine, application.getName());
        NlpApplicationConfiguration configuration = provider.getModelBuilder().defaultNlpApplicationConfiguration();
        List<SampleExpression> expressions = samples.stream()
                .map(s -> new SampleExpression(String.join(" ", s.tokens()), tockIntents.get(s.intent()), List.of(),
                        new SampleContext(MODEL_LOCALE)))
                .toList();
        // Evaluated directly rather than through Tock's classifier wrapper, which boxes and sorts every
        // outcome and looks each intent up by name on every message: the probabilities are the same.
        this.model = (MaxentModel) provider.getModelBuilder().buildIntentModel(context, configuration, expressions).getNativeModel();
        this.tokenizer = provider.getTokenizer(new TokenizerModelHolder(MODEL_LOCALE, configuration));
        this.tokenizerContext = new TokenizerContext(context);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int o = 0; o < model.getNumOutcomes(); o++) {
            outcomes.put(model.getOutcome(o), o);
        }
        this.outcomeOfIntent = intents.stream().mapToInt(intent -> outcomes.getOrDefault(intent, -1)).toArray();
    }

    /**
     * The probability of each intent, in the constructor's order; they add up to 1 (all 0 for an empty message).
     *
     * @param tokens the message as {@link TextNormalizer#tokens} gives it, as the samples were learnt
     */
    double[] probabilities(List<String> tokens) {
        double[] byIntent = new double[outcomeOfIntent.length];
        if (tokens.isEmpty()) {
            return byIntent;
        }
        double[] byOutcome = model.eval(modelTokens(tokens));
        for (int c = 0; c < byIntent.length; c++) {
            byIntent[c] = outcomeOfIntent[c] < 0 ? 0 : byOutcome[outcomeOfIntent[c]];
        }
        return byIntent;
    }

    /**
     * The tokens as the model's tokenizer cut the samples. Words of letters only (most messages) are
     * already what it gives; letters next to digits ("k8s") are cut by the tokenizer itself.
     */
    private String[] modelTokens(List<String> tokens) {
        for (String token : tokens) {
            for (int i = 0; i < token.length(); i++) {
                if (!Character.isLetter(token.charAt(i))) {
                    return tokenizer.tokenize(tokenizerContext, String.join(" ", tokens));
                }
            }
        }
        return tokens.toArray(String[]::new);
    }
}
