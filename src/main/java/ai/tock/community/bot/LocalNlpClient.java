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
import ai.tock.community.shared.BoundedCaches;
import ai.tock.community.shared.Texts;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.InputStream;
import java.util.function.Predicate;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tock's NLP boundary, answered in-process by the bot's own classifier instead of Tock's NLP server.
 * This is where a question turns into an intent. It remembers, for each Tock user id (the web's
 * userId; on Gitter, the thread), the last question that got a topic's answer, so that "et ses membres ?"
 * after "c'est quoi le TOSIT ?" is about TOSIT.
 */
public final class LocalNlpClient implements NlpClient {

    /** A question that got a topic's answer, and that topic. */
    private record Answered(String question, String intent) {
    }

    // A follow-up is read with the question before it: a long one is cut to what a question needs.
    private static final int MAX_REMEMBERED_CHARS = 500;

    private final Supplier<IntentClassifier> classifier;
    private final OperatorLog operatorLog;
    private final Predicate<String> warmUpUser;
    // Bounded in users (least recently seen leave first) and in time: a follow-up comes soon after.
    private final Cache<String, Answered> lastAnswered;

    /**
     * @param classifier     the classifier in force; it changes when the content is reloaded
     * @param warmUpUser     the bot's own warm-up users: what they ask is not for operators
     * @param followUps      how many users' last answered question are kept, and for how long after their last message
     * @param ticker         the time, in nanoseconds
     */
    public LocalNlpClient(Supplier<IntentClassifier> classifier, OperatorLog operatorLog, Predicate<String> warmUpUser,
                          FollowUps followUps, Ticker ticker) {
        this.classifier = classifier;
        this.operatorLog = operatorLog;
        this.warmUpUser = warmUpUser;
        this.lastAnswered = BoundedCaches.of(followUps.maxUsers(), followUps.window(), ticker);
    }

    /**
     * How follow-ups are remembered.
     *
     * @param maxUsers users whose last answered question is kept
     * @param window   how long after a user's last message a follow-up is still read as one
     */
    public record FollowUps(int maxUsers, Duration window) {
    }

    @Override
    public NlpResult parse(NlpQuery query) {
        String text = query.getQueries().isEmpty() ? "" : query.getQueries().get(0);
        Locale language = query.getContext().getLanguage();
        String user = query.getContext().getClientId();
        IntentClassifier current = classifier.get();
        Answered earlier = lastAnswered.getIfPresent(user);
        Classification classification = earlier == null ? current.classify(text)
                : current.classifyAfter(earlier.question(), earlier.intent(), text);
        remember(user, text, classification, current);
        if (!classification.outcome().answers() && !warmUpUser.test(user)) {
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

    /** How many users' last answered question are kept now (for tests of the bound). */
    long usersRemembered() {
        lastAnswered.cleanUp();
        return lastAnswered.estimatedSize();
    }

    /** The last topic a user's question got, for the next message to follow up on. */
    private void remember(String user, String text, Classification classification, IntentClassifier current) {
        List<String> answered = classification.outcome().answers() ? classification.answered() : List.of();
        if (!answered.isEmpty() && current.isTopic(answered.get(answered.size() - 1))) {
            lastAnswered.put(user, new Answered(Texts.clip(text, MAX_REMEMBERED_CHARS), answered.get(answered.size() - 1)));
        }
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
