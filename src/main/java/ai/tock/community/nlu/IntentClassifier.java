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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a message asks. A chat message is first cut into clauses (code, commands and log lines
 * out), its greetings and politeness set aside, and the clause that asks found. Typos are put back to
 * known words; then three models vote: a softmax regression over character n-grams and words (the
 * strongest, also trained on the questions with chat around them), Tock's OpenNLP maximum-entropy
 * model, and a nearest-sample/centroid vote over the same n-grams; and the terms stories declare name
 * their topic wherever they stand. The asking clause weighs more than the rest. Out-of-scope examples
 * are a class of their own, always declined. The combined score, and how many of the message's words
 * answerable questions use, pick one of four outcomes. A message of two questions is answered on both.
 */
public final class IntentClassifier {

    private static final int CLOSEST = 3;
    private static final int MAXENT_SAMPLES_PER_LANGUAGE = 20;
    // Where one question ends and the next begins: "…gitter et quelle licence ?", "…? And…", "… + …".
    private static final Pattern QUESTION_BREAK =
            Pattern.compile("[?;!]+|\\s+(?:et|and|puis|aussi|also|plus|sinon|then)\\s+|\\s+[+&]\\s+", Pattern.CASE_INSENSITIVE);
    // A message of politeness and a few words more ("Good morning, anyone here?") is small talk.
    private static final int SMALLTALK_REST_WORDS = 3;
    // Words that point back to what was just asked: "et ses membres ?", "qui l'a fondé ?", "and what's their website?".
    private static final Set<String> POINTING_BACK = Set.of("their", "theirs", "its", "it", "them", "they", "leur", "leurs",
            "son", "sa", "ses", "ils", "elles", "celui", "celle", "ceux", "celles", "l", "lui", "eux", "y", "same", "meme");
    // Words that make a part of a message a question or a request, not context ("we just deployed our first bot").
    private static final Set<String> ASKING_WORDS = Set.of("ou", "where", "wheres", "how", "comment", "cmt", "quel", "quelle",
            "quels", "quelles", "which", "what", "whats", "who", "whos", "qui", "quoi", "koi", "kel", "why", "pourquoi", "pk", "when",
            "quand", "lien", "link", "url", "adresse", "can", "could", "peut", "peux", "pouvez", "cherche", "looking", "need", "besoin",
            "voudrais", "aimerais", "souhaite", "want", "veux", "like", "ya", "existe", "there", "svp", "stp", "please", "pls", "plz");
    // A part that starts with these tells about the asker: "je viens de cloner le dépôt", "we just deployed our first bot".
    private static final Set<String> FIRST_PERSON = Set.of("je", "j", "i", "im", "we", "on", "nous", "my", "our", "mon", "ma", "me");
    // A related topic's score counts this many times in a follow-up: "leur site ?" after TOSIT is TOSIT's site.
    private static final double RELATED_BOOST = 2;
    // A follow-up is short: "le lien ?", "and its members?".
    private static final int FOLLOW_UP_WORDS = 6;

    /** What the models make of a text, before any weighing: each array in {@link NgramIndex#intents()} order. */
    record Scores(List<String> corrected, double coverage, double[] ngram, double[] linear, double[] maxent, double[] terms) {
    }

    /**
     * A message as the models see it, their scores weighed.
     *
     * @param named the intents one of whose terms the message holds
     */
    record Analysis(List<String> corrected, double coverage, List<IntentScore> ranked, Set<String> named) {
    }

    private final TextNormalizer normalizer;
    private final SpellCorrector speller;
    private final NgramIndex ngrams;
    private final OpenNlpIntentModel maxent;
    private final LinearIntentModel linear;
    private final TermIndex terms;
    private final Map<String, String> intentByTitle = new HashMap<>();
    private final Set<String> topics = new HashSet<>();
    // Intents learnt only to be declined: examples of what the page does not answer.
    private final Set<String> declined = new HashSet<>();
    private final Set<String> smalltalk = new HashSet<>();
    // Each topic's related topics (its story's "related"): what people ask about next.
    private final Map<String, Set<String>> related = new HashMap<>();
    // Coverage counts the words of answerable questions only: knowing "kubernetes" from a declined
    // example must not make a Kubernetes question look answerable.
    private final Set<String> answerableWords = new HashSet<>();
    private final DomainVocabulary domain;
    private final Thresholds thresholds;
    // Only for the sweep, which classifies the same messages under many thresholds: null otherwise.
    private Map<String, Scores> rememberedScores;

    public IntentClassifier(Content content, Thresholds thresholds) {
        this.normalizer = new TextNormalizer();
        this.thresholds = thresholds;
        List<TrainingSample> samples = new ArrayList<>();
        // Tock's trainer always runs 1000 iterations, so its time grows with its samples: it learns from
        // the first questions of each story and language (the core wording), the other models from all.
        List<TrainingSample> maxentSamples = new ArrayList<>();
        List<ChatContext.Question> chatSamples = new ArrayList<>();
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
                        if (story.isTopic() || story.kind() == StoryKind.OFF_TOPIC_EXAMPLES) {
                            chatSamples.add(new ChatContext.Question(questions.get(i), story.intent(), language));
                        }
                        sample.tokens().forEach(t -> vocabulary.merge(t, 1, Integer::sum));
                        if (story.kind().answered()) {
                            answerableWords.addAll(sample.tokens());
                        }
                    }
                    if (story.kind().answered()) {
                        // A clicked quick reply sends the title back: it must land on its story.
                        intentByTitle.put(normalizer.normalize(story.title().in(language.locale)), story.intent());
                        story.termsIn(language).forEach(term -> answerableWords.addAll(normalizer.contentTokens(term)));
                    }
                }
            }
            if (story.kind() == StoryKind.SMALLTALK) {
                smalltalk.add(story.intent());
            }
            if (story.kind() == StoryKind.OFF_TOPIC_EXAMPLES) {
                declined.add(story.intent());
            }
            if (story.isTopic()) {
                topics.add(story.intent());
                related.put(story.intent(), Set.copyOf(story.related()));
            }
        }
        // One order of the intents for every model: weigh() adds their scores column by column.
        List<String> intents = samples.stream().map(TrainingSample::intent).distinct().toList();
        this.terms = new TermIndex(content, normalizer, intents);
        terms.words().forEach(w -> vocabulary.merge(w, 1, Integer::sum));
        this.speller = new SpellCorrector(vocabulary);
        // OpenNLP's 1000 training iterations take the longest: they run beside the other models.
        CompletableFuture<OpenNlpIntentModel> maxentTraining =
                CompletableFuture.supplyAsync(() -> new OpenNlpIntentModel(maxentSamples, intents));
        List<TrainingSample> inChat = ChatContext.load().around(chatSamples, normalizer);
        NgramIndex.Trained trained = NgramIndex.train(samples, inChat, intents);
        this.ngrams = trained.index();
        List<TrainingSample> linearSamples = new ArrayList<>(samples);
        linearSamples.addAll(inChat);
        this.linear = new LinearIntentModel(linearSamples, trained);
        this.maxent = maxentTraining.join();
        this.domain = new DomainVocabulary(normalizer);
    }

    public Classification classify(String text) {
        return classify(text, thresholds);
    }

    /** Whether an intent is a topic of the page (not small talk, the menu or an example to decline). */
    public boolean isTopic(String intent) {
        return topics.contains(intent);
    }

    /** What a message asks, under other thresholds than the bot's own: for the sweep that sets them. */
    Classification classify(String text, Thresholds limits) {
        String title = intentByTitle.get(normalizer.normalize(text));
        if (title != null) {
            return new Classification(Outcome.ANSWER, List.of(title), List.of(new IntentScore(title, 1.0)));
        }
        MessageParts parts = MessageParts.of(text);
        if (parts.clauses().size() <= 1) {
            return inOneGo(parts.body(), limits);
        }
        // Greetings, thanks and goodbyes around a question are not what it asks.
        Set<Integer> polite = new HashSet<>();
        for (int i = 0; i < parts.clauses().size(); i++) {
            Classification clause = decide(parts.clauses().get(i), analyze(parts.clauses().get(i), limits), limits);
            if (clause.outcome() == Outcome.ANSWER && smalltalk.contains(clause.answered().get(0))) {
                polite.add(i);
            }
        }
        MessageParts content = parts.without(polite);
        if (content.isEmpty()) {
            return inOneGo(parts.body(), limits);
        }
        Classification asked = content.clauses().size() == 1 ? inOneGo(content.body(), limits) : focused(content, limits);
        if (!asked.outcome().answers() && asked.outcome() != Outcome.NOT_ON_PAGE && !polite.isEmpty()
                && normalizer.contentTokens(content.body()).size() <= SMALLTALK_REST_WORDS) {
            // "Good morning, anyone here?": the politeness is the message.
            int first = polite.stream().min(Integer::compare).orElseThrow();
            return inOneGo(parts.clauses().get(first), limits);
        }
        return asked;
    }

    /** A message of several clauses: the asking clause weighs more than those around it. */
    private Classification focused(MessageParts content, Thresholds limits) {
        String body = content.body();
        Analysis whole = analyze(body, limits);
        int first = content.asked();
        Analysis asked = analyze(content.askingFrom(first), limits);
        // "…the list of Tock contributors on GitHub, where can I find it?": the clause before says what.
        while (first > 0 && vague(asked)) {
            first--;
            asked = analyze(content.askingFrom(first), limits);
        }
        Analysis weighed = combine(whole, asked, limits.askedWeight());
        List<String> two = twoQuestions(body, limits);
        if (bothAsked(two, weighed)) {
            return new Classification(Outcome.TWO_QUESTIONS, two, closest(weighed.ranked()));
        }
        return decide(body, weighed, limits);
    }

    /** One clause, or a message said in one go. */
    private Classification inOneGo(String text, Thresholds limits) {
        Analysis analysis = analyze(text, limits);
        List<String> two = twoQuestions(text, limits);
        if (bothAsked(two, analysis)) {
            return new Classification(Outcome.TWO_QUESTIONS, two, closest(analysis.ranked()));
        }
        return decide(text, analysis, limits);
    }

    /**
     * Whether two topics found in parts of a message are both what the whole asks: both among its
     * closest. "fil gitter des nouveautés et features" is one question, whatever "features" alone would be.
     */
    private static boolean bothAsked(List<String> two, Analysis whole) {
        return two.size() == 2 && closest(whole.ranked()).stream().map(IntentScore::intent).toList().containsAll(two);
    }

    /** A clause that asks without saying about what: "where can I find it?", "what's the URL?". */
    private boolean vague(Analysis asked) {
        return normalizer.meaningful(asked.corrected()).stream().filter(t -> !MessageParts.REQUEST_WORDS.contains(t)).count() <= 1;
    }

    /** The whole message's scores and its asking clause's, weighed; the known share is the better of the two. */
    private static Analysis combine(Analysis whole, Analysis asked, double askedWeight) {
        Map<String, Double> scores = new HashMap<>();
        whole.ranked().forEach(s -> scores.merge(s.intent(), (1 - askedWeight) * s.score(), Double::sum));
        asked.ranked().forEach(s -> scores.merge(s.intent(), askedWeight * s.score(), Double::sum));
        List<IntentScore> ranked = new ArrayList<>(scores.size());
        scores.forEach((intent, score) -> ranked.add(new IntentScore(intent, score)));
        ranked.sort(Comparator.comparingDouble(IntentScore::score).reversed());
        Set<String> named = new HashSet<>(whole.named());
        named.addAll(asked.named());
        return new Analysis(whole.corrected(), Math.max(asked.coverage(), whole.coverage()), ranked, named);
    }

    /** Corrects, scores and measures a text, then weighs the models' scores. */
    Analysis analyze(String text, Thresholds limits) {
        return weigh(score(text), limits);
    }

    /** Corrects a text and runs every model on it, before any weighing or decision. */
    Scores score(String text) {
        if (rememberedScores != null) {
            Scores known = rememberedScores.get(text);
            if (known != null) {
                return known;
            }
        }
        List<String> corrected = normalizer.tokens(text).stream().map(speller::correct).toList();
        List<String> meaningful = normalizer.meaningful(corrected);
        // A lone letter ("k thx", "c koi") says nothing either way about the question.
        List<String> words = meaningful.stream().filter(t -> t.length() > 1).toList();
        long known = words.stream().filter(answerableWords::contains).count();
        double coverage = words.isEmpty() ? 0 : known / (double) words.size();
        NgramIndex.Vector vector = ngrams.vector(corrected);
        Scores scores = new Scores(corrected, coverage, ngrams.similarities(vector), linear.probabilities(vector),
                maxent.probabilities(corrected), terms.matches(meaningful));
        if (rememberedScores != null) {
            rememberedScores.put(text, scores);
        }
        return scores;
    }

    /** For the sweep only: the models' scores of each text are kept, to weigh them again under other thresholds. */
    void rememberScores() {
        rememberedScores = new HashMap<>();
    }

    /** Every learnt intent (out-of-scope included) with its weighed score, best first. */
    Analysis weigh(Scores scores, Thresholds limits) {
        List<String> intents = ngrams.intents();
        double maxentWeight = 1 - limits.ngramWeight() - limits.linearWeight();
        List<IntentScore> ranked = new ArrayList<>(intents.size());
        Set<String> named = new HashSet<>();
        for (int c = 0; c < intents.size(); c++) {
            double score = limits.ngramWeight() * scores.ngram()[c] + limits.linearWeight() * scores.linear()[c]
                    + maxentWeight * scores.maxent()[c] + limits.termWeight() * scores.terms()[c];
            ranked.add(new IntentScore(intents.get(c), score));
            if (scores.terms()[c] > 0) {
                named.add(intents.get(c));
            }
        }
        ranked.sort(Comparator.comparingDouble(IntentScore::score).reversed());
        return new Analysis(scores.corrected(), scores.coverage(), ranked, named);
    }

    Classification decide(String text, Analysis analysis, Thresholds limits) {
        List<IntentScore> ranked = analysis.ranked();
        IntentScore best = ranked.get(0);
        double known = analysis.coverage();
        // Ahead of the next intent by a margin: close seconds are where the wrong answers are.
        double lead = best.score() - (ranked.size() > 1 ? ranked.get(1).score() : 0);
        // A message that names the topic by one of its terms may say much else ("…a list of the awards
        // the project has collected would help my case with our CIO"): fewer of its words need be known.
        double knownShare = analysis.named().contains(best.intent()) ? Math.min(limits.knownShare(), limits.namedKnownShare())
                : limits.knownShare();
        boolean answer = !declined.contains(best.intent()) && lead >= limits.margin()
                && ((known >= knownShare && best.score() >= limits.answer())
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

    private static List<IntentScore> closest(List<IntentScore> ranked) {
        return ranked.subList(0, Math.min(CLOSEST, ranked.size()));
    }

    /**
     * Two distinct topics, each asked with confidence in its own part of the message; else empty.
     * Parts that ask nothing the bot knows (context) are passed over; small talk and the menu ("can you
     * help with both?") do not count. A part
     * that points back ("What is TOSIT and what's their website?") is read with the part before it.
     */
    private List<String> twoQuestions(String text, Thresholds limits) {
        List<Piece> pieces = pieces(text);
        if (pieces.size() < 2) {
            return List.of();
        }
        List<String> intents = new ArrayList<>();
        String previous = null;
        for (Piece piece : pieces) {
            Classification c = decide(piece.text(), analyze(piece.text(), limits), limits);
            String intent = c.outcome() == Outcome.ANSWER && piece.asks() ? c.answered().get(0) : null;
            if (previous != null && intents.size() == 1 && pointsBack(piece.text(), 0)) {
                // "…and what's their website?" asks about what the part before named; "…, where is it?" asks it again.
                boolean saysWhat = ownWords(piece.text()) > 0;
                intent = readAfter(previous, intents.get(0), piece.text(), !saysWhat, limits).orElse(saysWhat ? null : intent);
            }
            if (intent == null) {
                if (declined.contains(c.closest().isEmpty() ? "" : c.closest().get(0).intent()) && c.topScore() >= limits.answer()) {
                    return List.of(); // a question the page does not answer is asked too: not two of ours
                }
                continue;
            }
            if (topics.contains(intent) && !intents.contains(intent)) {
                intents.add(intent);
            }
            previous = piece.text();
        }
        return intents.size() == 2 ? intents : List.of();
    }

    /**
     * A part of a message between two question breaks.
     *
     * @param asks whether it asks rather than tells: an asking word ("où", "which", "I need"), or, unless it
     *             starts with "I"/"je"/"we" (context: "je viens de cloner le dépôt"), a question mark after
     *             it or a part that asks joined to it by "et"/"and" ("Can I see the roadmap and the latest release notes?")
     */
    private record Piece(String text, boolean asks) {
    }

    private List<Piece> pieces(String text) {
        List<String> texts = new ArrayList<>();
        List<Boolean> questionAfter = new ArrayList<>();
        List<Boolean> joinedAfter = new ArrayList<>();
        Matcher breaks = QUESTION_BREAK.matcher(text);
        int start = 0;
        while (true) {
            boolean found = breaks.find();
            String part = text.substring(start, found ? breaks.start() : text.length());
            String separator = found ? breaks.group() : "";
            if (!normalizer.contentTokens(part).isEmpty()) {
                texts.add(part);
                questionAfter.add(separator.contains("?"));
                joinedAfter.add(found && !separator.contains("?") && !separator.contains(";") && !separator.contains("!"));
            } else if (found && separator.contains("?") && !questionAfter.isEmpty()) {
                questionAfter.set(questionAfter.size() - 1, true);
            }
            if (!found) {
                break;
            }
            start = breaks.end();
        }
        boolean[] asks = new boolean[texts.size()];
        boolean[] tells = new boolean[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            List<String> tokens = normalizer.tokens(texts.get(i));
            asks[i] = tokens.stream().anyMatch(ASKING_WORDS::contains);
            tells[i] = !asks[i] && !tokens.isEmpty() && FIRST_PERSON.contains(tokens.get(0));
            asks[i] = asks[i] || !tells[i] && questionAfter.get(i);
        }
        // Parts joined by "and" ask together, however many: "a list of known users, and a way to follow the
        // meetups and events. Can you help with both?"
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int i = 0; i + 1 < texts.size(); i++) {
                if (joinedAfter.get(i) && (asks[i] || asks[i + 1])) {
                    for (int j : new int[]{i, i + 1}) {
                        if (!asks[j] && !tells[j]) {
                            asks[j] = true;
                            changed = true;
                        }
                    }
                }
            }
        }
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            pieces.add(new Piece(texts.get(i), asks[i]));
        }
        return pieces;
    }

    /**
     * Short, and about something named before: "et ses membres ?", "le lien ?", "who founded it?".
     *
     * @param ownWords how many words of its own (not asking words) it may have without pointing back:
     *                 "et les fondateurs ?" after a question about TOSIT is about TOSIT's, "et je peux
     *                 contribuer ?" in a message is a question of its own
     */
    private boolean pointsBack(String text, int ownWords) {
        List<String> tokens = normalizer.tokens(text);
        if (tokens.size() > FOLLOW_UP_WORDS) {
            return false;
        }
        return tokens.stream().anyMatch(POINTING_BACK::contains) || ownWords(text) <= ownWords;
    }

    /** How many words of a text say what it is about: its meaningful words that are not asking words. */
    private long ownWords(String text) {
        return normalizer.contentTokens(text).stream().filter(t -> !MessageParts.REQUEST_WORDS.contains(t)).count();
    }

    /**
     * What a short message asks when read after an earlier question, about the earlier topic: the topic
     * closest to both read together and, unless it points back ("their", "ses"…), to the message alone
     * ("c'est quoi le TOSIT ?" then "et ses membres ?"). The earlier topic's related topics (its story's
     * {@code related}) come first: what people ask next. It may be the earlier topic again ("where is
     * it?") unless that one is already answered; none when a question the page does not answer is closer.
     *
     * @param again whether the earlier topic may be the answer again
     */
    private Optional<String> readAfter(String earlier, String earlierIntent, String text, boolean again, Thresholds limits) {
        List<IntentScore> together = analyze(earlier + " " + text, limits).ranked();
        boolean pointing = normalizer.tokens(text).stream().anyMatch(POINTING_BACK::contains);
        List<IntentScore> alone = pointing ? List.of() : analyze(text, limits).ranked();
        if (declined.contains(together.get(0).intent()) || !alone.isEmpty() && declined.contains(alone.get(0).intent())) {
            return Optional.empty();
        }
        Set<String> next = related.getOrDefault(earlierIntent, Set.of());
        Map<String, Double> both = new HashMap<>();
        together.subList(0, Math.min(CLOSEST, together.size())).forEach(s -> both.merge(s.intent(), s.score(), Double::sum));
        alone.subList(0, Math.min(CLOSEST, alone.size())).forEach(s -> both.merge(s.intent(), s.score(), Double::sum));
        both.replaceAll((intent, score) -> next.contains(intent) ? RELATED_BOOST * score : score);
        // Another topic than the one before must be as sure as an answer; the same one again, as a suggestion.
        double bar = again ? limits.suggest() : limits.answer();
        return both.entrySet().stream().filter(e -> topics.contains(e.getKey()) && e.getValue() >= bar
                        && (again || !e.getKey().equals(earlierIntent)))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /**
     * A message read after the same user's last answered question, for follow-ups: "et ses membres ?",
     * "qui l'a fondé ?" or "le lien ?" after "c'est quoi le TOSIT ?" are about TOSIT. A message that asks
     * something of its own, or is small talk, is read on its own.
     *
     * @param earlier       the user's last question that got a topic's answer
     * @param earlierIntent that topic
     */
    public Classification classifyAfter(String earlier, String earlierIntent, String text) {
        Classification alone = classify(text, thresholds);
        if (LanguageDetector.asksForLanguage(text)) {
            // "and in English?": the same answer, in the language asked (the language detector says which).
            return new Classification(Outcome.ANSWER, List.of(earlierIntent), List.of(new IntentScore(earlierIntent, 1.0)));
        }
        boolean smallTalk = alone.outcome() == Outcome.ANSWER && smalltalk.contains(alone.answered().get(0));
        boolean askedOnItsOwn = alone.outcome().answers() && normalizer.tokens(text).stream().noneMatch(POINTING_BACK::contains);
        if (smallTalk || askedOnItsOwn || !pointsBack(text, 1) || intentByTitle.containsKey(normalizer.normalize(text))) {
            return alone;
        }
        return readAfter(earlier, earlierIntent, text, false, thresholds)
                .map(intent -> new Classification(Outcome.ANSWER, List.of(intent), List.of(new IntentScore(intent, alone.topScore()))))
                .orElse(alone);
    }
}
