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
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Decides what a message asks. Typos are first put back to known words; then three models vote: a
 * softmax regression over character n-grams and words (the strongest), Tock's OpenNLP maximum-entropy
 * model, and a nearest-sample/centroid vote over the same n-grams. Out-of-scope examples are a class
 * of their own, always declined. The combined score, and how many of the message's words answerable
 * questions use, pick one of four outcomes. A message of two questions is answered on both.
 */
public final class IntentClassifier {

    // Weights of the three models' scores, measured on the development set (see DevelopmentSetTest).
    private static final double NGRAM_WEIGHT = 0.2;
    private static final double LINEAR_WEIGHT = 0.6;
    private static final int CLOSEST = 3;
    private static final int MAXENT_SAMPLES_PER_LANGUAGE = 20;
    // Where one question ends and the next begins: "…gitter et quelle licence ?", "…? And…".
    private static final Pattern QUESTION_BREAK =
            Pattern.compile("[?;!]+|\\s+(?:et|and|puis|aussi|also|plus)\\s+", Pattern.CASE_INSENSITIVE);

    /** A message as the models see it. */
    record Analysis(List<String> corrected, double coverage, List<IntentScore> ranked) {
    }

    private final TextNormalizer normalizer;
    private final SpellCorrector speller;
    private final NgramIndex ngrams;
    private final OpenNlpIntentModel maxent;
    private final LinearIntentModel linear;
    private final Map<String, String> intentByTitle = new HashMap<>();
    private final Set<String> topics = new HashSet<>();
    // Intents learnt only to be declined: examples of what the page does not answer.
    private final Set<String> declined = new HashSet<>();
    // Coverage counts the words of answerable questions only: knowing "kubernetes" from a declined
    // example must not make a Kubernetes question look answerable.
    private final Set<String> answerableWords = new HashSet<>();
    private final DomainVocabulary domain;
    private final Thresholds thresholds;

    public IntentClassifier(Content content, Thresholds thresholds) {
        this.normalizer = new TextNormalizer();
        this.thresholds = thresholds;
        List<TrainingSample> samples = new ArrayList<>();
        // Tock's trainer always runs 1000 iterations, so its time grows with its samples: it learns from
        // the first questions of each story and language (the core wording), the other models from all.
        List<TrainingSample> maxentSamples = new ArrayList<>();
        Map<String, Integer> vocabulary = new HashMap<>();
        for (Story story : content.stories()) {
            if (story.kind().learnt()) {
                for (Language language : Language.values()) {
                    List<String> questions = story.questionsIn(language);
                    for (int i = 0; i < questions.size(); i++) {
                        TrainingSample sample = new TrainingSample(normalizer.tokens(questions.get(i)), story.intent());
                        samples.add(sample);
                        if (i < MAXENT_SAMPLES_PER_LANGUAGE) {
                            maxentSamples.add(sample);
                        }
                        sample.tokens().forEach(t -> vocabulary.merge(t, 1, Integer::sum));
                        if (story.kind().answered()) {
                            answerableWords.addAll(sample.tokens());
                        }
                    }
                    if (story.kind().answered()) {
                        // A clicked quick reply sends the title back: it must land on its story.
                        intentByTitle.put(normalizer.normalize(story.title().in(language.locale)), story.intent());
                    }
                }
            }
            if (story.kind() == StoryKind.OFF_TOPIC_EXAMPLES) {
                declined.add(story.intent());
            }
            if (story.isTopic()) {
                topics.add(story.intent());
            }
        }
        this.speller = new SpellCorrector(vocabulary);
        // OpenNLP's 1000 training iterations take the longest: they run beside the other models.
        // One order of the intents for every model: rank() adds their scores column by column.
        List<String> intents = samples.stream().map(TrainingSample::intent).distinct().toList();
        CompletableFuture<OpenNlpIntentModel> maxentTraining =
                CompletableFuture.supplyAsync(() -> new OpenNlpIntentModel(maxentSamples, intents));
        NgramIndex.Trained trained = NgramIndex.train(samples, intents);
        this.ngrams = trained.index();
        this.linear = new LinearIntentModel(samples, trained);
        this.maxent = maxentTraining.join();
        this.domain = new DomainVocabulary(normalizer);
    }

    public Classification classify(String text) {
        String title = intentByTitle.get(normalizer.normalize(text));
        if (title != null) {
            return new Classification(Outcome.ANSWER, List.of(title), List.of(new IntentScore(title, 1.0)));
        }
        Analysis analysis = analyze(text);
        List<String> twoQuestions = twoQuestions(text);
        // Each part must also show in the whole message's closest intents: "fil gitter des nouveautés
        // et features" is one question, whatever "features" alone would be.
        List<String> closestToWhole = closest(analysis.ranked()).stream().map(IntentScore::intent).toList();
        if (twoQuestions.size() == 2 && closestToWhole.containsAll(twoQuestions)) {
            return new Classification(Outcome.TWO_QUESTIONS, twoQuestions, closest(analysis.ranked()));
        }
        return decide(text, analysis, thresholds);
    }

    /** Corrects, scores and measures a message, before any decision. */
    Analysis analyze(String text) {
        List<String> corrected = normalizer.tokens(text).stream().map(speller::correct).toList();
        List<String> meaningful = normalizer.meaningful(corrected);
        long known = meaningful.stream().filter(answerableWords::contains).count();
        double coverage = meaningful.isEmpty() ? 0 : known / (double) meaningful.size();
        return new Analysis(corrected, coverage, rank(corrected));
    }

    Classification decide(String text, Analysis analysis, Thresholds limits) {
        List<IntentScore> ranked = analysis.ranked();
        IntentScore best = ranked.get(0);
        double known = analysis.coverage();
        boolean answer = !declined.contains(best.intent())
                && ((known >= limits.knownShare() && best.score() >= limits.answer())
                || (known >= limits.strongKnownShare() && best.score() >= limits.strongAnswer()));
        if (answer) {
            return new Classification(Outcome.ANSWER, List.of(best.intent()), closest(ranked));
        }
        List<IntentScore> closestTopics = ranked.stream().filter(s -> topics.contains(s.intent())).limit(CLOSEST).toList();
        if (!declined.contains(best.intent()) && known >= limits.knownShare() && best.score() >= limits.suggest()
                && !closestTopics.isEmpty()) {
            return new Classification(Outcome.UNSURE, List.of(), closestTopics);
        }
        Outcome outcome = domain.mentions(text) ? Outcome.NOT_ON_PAGE : Outcome.OFF_TOPIC;
        return new Classification(outcome, List.of(), closestTopics);
    }

    /**
     * Every learnt intent (out-of-scope included) with its combined score, best first.
     *
     * @param tokens the message, tokenized once and spell-corrected
     */
    List<IntentScore> rank(List<String> tokens) {
        NgramIndex.Vector vector = ngrams.vector(tokens);
        double[] ngram = ngrams.similarities(vector);
        double[] linearProbabilities = linear.probabilities(vector);
        double[] maxentProbabilities = maxent.probabilities(tokens);
        List<String> intents = ngrams.intents();
        List<IntentScore> ranked = new ArrayList<>(intents.size());
        for (int c = 0; c < intents.size(); c++) {
            double score = NGRAM_WEIGHT * ngram[c] + LINEAR_WEIGHT * linearProbabilities[c]
                    + (1 - NGRAM_WEIGHT - LINEAR_WEIGHT) * maxentProbabilities[c];
            ranked.add(new IntentScore(intents.get(c), score));
        }
        ranked.sort(Comparator.comparingDouble(IntentScore::score).reversed());
        return ranked;
    }

    private static List<IntentScore> closest(List<IntentScore> ranked) {
        return ranked.subList(0, Math.min(CLOSEST, ranked.size()));
    }

    /** Two distinct intents, each asked with confidence in its own part of the message; else empty. */
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
            Classification c = decide(part, analyze(part), thresholds);
            if (c.outcome() != Outcome.ANSWER) {
                return List.of();
            }
            if (!intents.contains(c.answered().get(0))) {
                intents.add(c.answered().get(0));
            }
        }
        return intents.size() == 2 ? intents : List.of();
    }
}
