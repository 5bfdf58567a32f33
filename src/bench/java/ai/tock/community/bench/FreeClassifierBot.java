package ai.tock.community.bench;

import ai.tock.community.BotRuntime;
import ai.tock.community.BotSettings;
import ai.tock.community.content.ContentLoader;
import ai.tock.community.engine.TockProperties;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same build with a free classifier: Tock's NLP call answered from a map of the classifier's
 * earlier answers (the benchmark repeats the stories' questions, so after the warm-up a
 * classification is one lookup). What it costs is Tock's engine, its web connector and HTTP alone:
 * the ceiling of any bot on them. Started like the bot, with the bot's jar and this class:
 * {@code java <options> -cp bot.jar:test-classes ai.tock.community.bench.FreeClassifierBot}.
 */
public final class FreeClassifierBot {

    private FreeClassifierBot() {
    }

    public static void main(String[] args) {
        TockProperties.setDefaults();
        BotSettings settings = BotSettings.fromEnvironment(System.getenv());
        BotRuntime.start(settings, new ContentLoader().load(settings.storiesDir()), Memoized::new);
        System.out.println("free-classifier bot answering on port " + settings.port());
    }

    /** The classifier's answer to a question, once per question and language. */
    private static final class Memoized implements NlpClient {
        private record Key(String text, Locale language) {
        }

        private final NlpClient classifier;
        private final Map<Key, NlpResult> answers = new ConcurrentHashMap<>();

        Memoized(NlpClient classifier) {
            this.classifier = classifier;
        }

        @Override
        public NlpResult parse(NlpQuery query) {
            Key key = new Key(query.getQueries().isEmpty() ? "" : query.getQueries().get(0), query.getContext().getLanguage());
            return answers.computeIfAbsent(key, k -> classifier.parse(query));
        }

        @Override
        public EntityEvaluationResult evaluateEntities(EntityEvaluationQuery query) {
            return classifier.evaluateEntities(query);
        }

        @Override
        public ValuesMergeResult mergeValues(ValuesMergeQuery query) {
            return classifier.mergeValues(query);
        }

        @Override
        public void markAsUnknown(MarkAsUnknownQuery query) {
            classifier.markAsUnknown(query);
        }

        @Override
        public List<IntentDefinition> getIntentsByNamespaceAndName(String namespace, String name) {
            return classifier.getIntentsByNamespaceAndName(namespace, name);
        }

        @Override
        public ApplicationDefinition getApplicationByNamespaceAndName(String namespace, String name) {
            return classifier.getApplicationByNamespaceAndName(namespace, name);
        }

        @Override
        public ApplicationDefinition createApplication(String namespace, String name, Locale locale) {
            return classifier.createApplication(namespace, name, locale);
        }

        @Override
        public boolean importNlpDump(InputStream stream) {
            return classifier.importNlpDump(stream);
        }

        @Override
        public boolean importNlpPlainDump(ApplicationDump dump) {
            return classifier.importNlpPlainDump(dump);
        }

        @Override
        public boolean importNlpSentencesDump(InputStream stream) {
            return classifier.importNlpSentencesDump(stream);
        }

        @Override
        public boolean importNlpPlainSentencesDump(SentencesDump dump) {
            return classifier.importNlpPlainSentencesDump(dump);
        }

        @Override
        public boolean healthcheck() {
            return classifier.healthcheck();
        }
    }
}
