package ai.tock.community.bot;

import ai.tock.community.nlu.Classification;
import ai.tock.community.nlu.IntentClassifier;
import ai.tock.community.nlu.IntentScore;
import ai.tock.community.nlu.Outcome;
import ai.tock.nlp.api.client.NlpClient;
import ai.tock.nlp.api.client.model.NlpQuery;
import ai.tock.nlp.api.client.model.NlpResult;
import ai.tock.nlp.api.client.model.dump.ApplicationDefinition;
import ai.tock.nlp.api.client.model.dump.ApplicationDump;
import ai.tock.nlp.api.client.model.dump.IntentDefinition;
import ai.tock.nlp.api.client.model.dump.SentencesDump;
import ai.tock.nlp.api.client.model.evaluation.EntityEvaluationQuery;
import ai.tock.nlp.api.client.model.evaluation.EntityEvaluationResult;
import ai.tock.nlp.api.client.model.merge.ValuesMergeQuery;
import ai.tock.nlp.api.client.model.merge.ValuesMergeResult;
import ai.tock.nlp.api.client.model.monitoring.MarkAsUnknownQuery;
import java.io.InputStream;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tock's NLP boundary, answered in-process by the bot's own classifier instead of Tock's NLP server.
 * This is where a question turns into an intent.
 */
public final class LocalNlpClient implements NlpClient {

    private final Supplier<IntentClassifier> classifier;
    private final OperatorLog operatorLog;
    private final Predicate<String> warmUpUser;

    /**
     * @param classifier the classifier in force; it changes when the content is reloaded
     * @param warmUpUser the bot's own warm-up users: what they ask is not for operators
     */
    public LocalNlpClient(Supplier<IntentClassifier> classifier, OperatorLog operatorLog, Predicate<String> warmUpUser) {
        this.classifier = classifier;
        this.operatorLog = operatorLog;
        this.warmUpUser = warmUpUser;
    }

    @Override
    public NlpResult parse(NlpQuery query) {
        String text = query.getQueries().isEmpty() ? "" : query.getQueries().get(0);
        Locale language = query.getContext().getLanguage();
        Classification classification = classifier.get().classify(text);
        if (!classification.outcome().answers() && !warmUpUser.test(query.getContext().getClientId())) {
            operatorLog.unanswered(text, language, classification);
        }
        // The intents a story needs besides the one it answers travel as the result's other intents.
        Map<String, Double> others = new LinkedHashMap<>();
        switch (classification.outcome()) {
            case TWO_QUESTIONS -> classification.answered().forEach(i -> others.put(i, score(classification, i)));
            case UNSURE -> classification.closest().forEach(s -> others.put(s.intent(), s.score()));
            default -> { }
        }
        return new NlpResult(classification.intent(), query.getNamespace(), language, List.of(), List.of(),
                classification.topScore(), 1.0, text, others, null);
    }

    private static double score(Classification classification, String intent) {
        return classification.closest().stream().filter(s -> s.intent().equals(intent))
                .mapToDouble(IntentScore::score).findFirst().orElse(1.0);
    }

    @Override
    public boolean healthcheck() {
        return true;
    }

    // The rest serves Tock Studio and its NLP server, which this bot does not use.

    @Override
    public EntityEvaluationResult evaluateEntities(EntityEvaluationQuery query) {
        return null;
    }

    @Override
    public ValuesMergeResult mergeValues(ValuesMergeQuery query) {
        return null;
    }

    @Override
    public void markAsUnknown(MarkAsUnknownQuery query) {
    }

    @Override
    public List<IntentDefinition> getIntentsByNamespaceAndName(String namespace, String name) {
        return List.of();
    }

    @Override
    public ApplicationDefinition getApplicationByNamespaceAndName(String namespace, String name) {
        return null;
    }

    @Override
    public ApplicationDefinition createApplication(String namespace, String name, Locale locale) {
        return null;
    }

    @Override
    public boolean importNlpDump(InputStream stream) {
        return false;
    }

    @Override
    public boolean importNlpPlainDump(ApplicationDump dump) {
        return false;
    }

    @Override
    public boolean importNlpSentencesDump(InputStream stream) {
        return false;
    }

    @Override
    public boolean importNlpPlainSentencesDump(SentencesDump dump) {
        return false;
    }
}
