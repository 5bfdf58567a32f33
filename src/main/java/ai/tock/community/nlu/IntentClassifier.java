package ai.tock.community.nlu;

import ai.tock.community.content.Content;
import ai.tock.community.content.Language;
import ai.tock.community.content.Story;
import ai.tock.community.content.StoryKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides what a message asks. Two models vote: Tock's OpenNLP maximum-entropy model (good at
 * word choice) and a character n-gram index (good at typos and missing accents). The combined
 * score then picks one of four outcomes, and a message of two questions is answered on both.
 */
public final class IntentClassifier {

    private static final double NGRAM_WEIGHT = 0.55;
    private static final double MAXENT_WEIGHT = 0.45;
    private static final int CLOSEST = 3;
    // Where one question ends and the next begins: "…gitter et quelle licence ?", "…? And…".
    private static final Pattern QUESTION_BREAK =
            Pattern.compile("[?;!]+|\\s+(?:et|and|puis|aussi|also|plus)\\s+", Pattern.CASE_INSENSITIVE);

    private final TextNormalizer normalizer;
    private final NgramIndex ngrams;
    private final OpenNlpIntentModel maxent;
    private final Map<String, String> intentByTitle = new HashMap<>();
    private final Set<String> answerable = new HashSet<>();
    private final Set<String> topics = new HashSet<>();
    private final DomainVocabulary domain;
    private final Thresholds thresholds;

    public IntentClassifier(Content content, Thresholds thresholds) {
        this.normalizer = new TextNormalizer();
        this.thresholds = thresholds;
        List<TrainingSample> samples = new ArrayList<>();
        for (Story story : content.stories()) {
            if (story.kind() == StoryKind.TOPIC || story.kind() == StoryKind.SMALLTALK || story.kind() == StoryKind.MENU) {
                answerable.add(story.intent());
                for (Language language : Language.values()) {
                    story.questionsIn(language).forEach(q -> samples.add(new TrainingSample(q, story.intent())));
                    // A clicked quick reply sends the title back: it must land on its story.
                    intentByTitle.put(normalizer.normalize(story.title().in(language.locale)), story.intent());
                }
            }
            if (story.isTopic()) {
                topics.add(story.intent());
            }
        }
        this.ngrams = new NgramIndex(samples, normalizer);
        this.maxent = new OpenNlpIntentModel(samples, normalizer);
        this.domain = new DomainVocabulary(normalizer);
    }

    public Classification classify(String text) {
        String title = intentByTitle.get(normalizer.normalize(text));
        if (title != null) {
            return new Classification(Outcome.ANSWER, List.of(title), List.of(new IntentScore(title, 1.0)));
        }
        List<IntentScore> ranked = rank(text);
        List<String> twoQuestions = twoQuestions(text);
        if (twoQuestions.size() == 2) {
            return new Classification(Outcome.ANSWER, twoQuestions, ranked.subList(0, Math.min(CLOSEST, ranked.size())));
        }
        IntentScore best = ranked.get(0);
        double second = ranked.size() > 1 ? ranked.get(1).score() : 0;
        List<IntentScore> closest = ranked.subList(0, Math.min(CLOSEST, ranked.size()));
        if (best.score() >= thresholds.answer() && best.score() - second >= thresholds.margin()) {
            return new Classification(Outcome.ANSWER, List.of(best.intent()), closest);
        }
        List<IntentScore> closestTopics = ranked.stream().filter(s -> topics.contains(s.intent())).limit(CLOSEST).toList();
        if (best.score() >= thresholds.suggest() && !closestTopics.isEmpty()) {
            return new Classification(Outcome.UNSURE, List.of(), closestTopics);
        }
        Outcome outcome = domain.mentions(text) ? Outcome.NOT_ON_PAGE : Outcome.OFF_TOPIC;
        return new Classification(outcome, List.of(), closestTopics);
    }

    /** Every answerable intent with its combined score, best first. */
    public List<IntentScore> rank(String text) {
        Map<String, Double> ngram = ngrams.similarities(text);
        Map<String, Double> probabilities = maxent.probabilities(text);
        List<IntentScore> ranked = new ArrayList<>(answerable.size());
        for (String intent : answerable) {
            double score = NGRAM_WEIGHT * ngram.getOrDefault(intent, 0.0)
                    + MAXENT_WEIGHT * probabilities.getOrDefault(intent, 0.0);
            ranked.add(new IntentScore(intent, score));
        }
        ranked.sort(Comparator.comparingDouble(IntentScore::score).reversed());
        return ranked;
    }

    /** Two distinct topics, each asked with confidence in its own part of the message; else empty. */
    private List<String> twoQuestions(String text) {
        String[] parts = QUESTION_BREAK.split(text);
        if (parts.length < 2) {
            return List.of();
        }
        List<String> intents = new ArrayList<>();
        for (String part : parts) {
            if (normalizer.contentTokens(part).isEmpty()) {
                continue;
            }
            List<IntentScore> ranked = rank(part);
            IntentScore best = ranked.get(0);
            boolean confident = best.score() >= thresholds.answer()
                    && best.score() - ranked.get(1).score() >= thresholds.margin();
            if (!confident || !topics.contains(best.intent())) {
                return List.of();
            }
            if (!intents.contains(best.intent())) {
                intents.add(best.intent());
            }
        }
        return intents.size() == 2 ? intents : List.of();
    }
}
