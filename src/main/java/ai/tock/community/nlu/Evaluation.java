package ai.tock.community.nlu;

import ai.tock.community.content.Content;
import ai.tock.community.nlu.EvaluationSet.Message;
import ai.tock.community.nlu.EvaluationSet.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * How the bot does on a set of questions: the figures of its targets (issue 13), their spread by
 * language, length and kind, and every miss with what the bot said. The {@code evaluate} command and
 * the accuracy tests both run this. Each message is taken on its own, as the first of a conversation.
 */
public final class Evaluation {

    /** Messages of this many words or more are "long": a greeting, context, then the question. */
    public static final int LONG_WORDS = 12;

    private final Function<String, Classification> classifier;
    private final LanguageDetector languages;
    private final Content content;

    /** @param classifier what the bot makes of a message on its own: {@link IntentClassifier#classify} */
    public Evaluation(Function<String, Classification> classifier, LanguageDetector languages, Content content) {
        this.classifier = classifier;
        this.languages = languages;
        this.content = content;
    }

    /**
     * One figure: {@code count} of {@code of} messages.
     *
     * @param key    a short name for tests and scripts ("inScope", "language.en"…)
     * @param target the bound it should meet, or NaN when it has none
     * @param atMost true when the target is a ceiling (confidently wrong), false for a floor
     */
    public record Figure(String key, String name, int count, int of, double target, boolean atMost) {

        /** The share, from 0 to 1; NaN when no message was of its kind. */
        public double value() {
            return of == 0 ? Double.NaN : count / (double) of;
        }

        public boolean met() {
            return Double.isNaN(target) || (atMost ? value() <= target : value() >= target);
        }
    }

    /** A message the bot did not handle as expected, and what it did instead. */
    public record Miss(Message message, String what, String said) {
    }

    /**
     * The figures of one set.
     *
     * @param targets the figures with a target, in the order of issue 13's item 2
     * @param spread  the same measures by language, length and kind, without targets
     */
    public record Report(String set, int messages, List<Figure> targets, List<Figure> spread, List<Miss> misses) {

        /** A figure by its key, from either list. */
        public Figure figure(String key) {
            return Stream.concat(targets.stream(), spread.stream()).filter(f -> f.key().equals(key))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no figure " + key));
        }

        /** The report as the {@code evaluate} command prints it. */
        public String asText() {
            StringBuilder out = new StringBuilder();
            out.append(set).append(": ").append(messages).append(" messages\n");
            out.append(String.format(Locale.ROOT, "%-60s %7s %9s  %s%n", "figure", "value", "messages", "target"));
            targets.forEach(f -> row(out, f, ""));
            out.append("spread\n");
            spread.forEach(f -> row(out, f, "  "));
            out.append("misses (").append(misses.size()).append(")\n");
            for (Miss m : misses) {
                Message q = m.message();
                out.append(String.format(Locale.ROOT, "  line %d [%s, %s] %s: %s%n      said: %s%n", q.line(), q.expected(),
                        q.language().map(Locale::getLanguage).orElse("-"), m.what(), q.text(), m.said()));
            }
            return out.toString();
        }

        private static void row(StringBuilder out, Figure f, String indent) {
            String target = Double.isNaN(f.target()) || f.of() == 0 ? ""
                    : String.format(Locale.ROOT, "%s %.0f %%%s", f.atMost() ? "<=" : ">=", f.target() * 100, f.met() ? "" : "  MISSED");
            String value = f.of() == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", f.value() * 100);
            out.append(String.format(Locale.ROOT, "%-60s %7s %4d/%-4d  %s%n", indent + f.name(), value, f.count(), f.of(), target));
        }
    }

    /** What the bot did with one message. */
    private record Turn(Message message, Classification classification, Locale alone, Locale afterOther) {

        List<String> answered() {
            return classification.outcome().answers() ? classification.answered() : List.of();
        }

        boolean right() {
            return classification.outcome() == Outcome.ANSWER && classification.answered().equals(message.topics());
        }

        boolean declined() {
            return classification.outcome() == Outcome.OFF_TOPIC || classification.outcome() == Outcome.NOT_ON_PAGE;
        }

        /** Answered right: the topic of a question, both topics of two. */
        boolean handled() {
            return message.twoQuestions() ? both() : right();
        }

        boolean both() {
            return classification.outcome() == Outcome.TWO_QUESTIONS && classification.answered().containsAll(message.topics());
        }

        /** A topic answered that was not asked: alone, or beside the right one. */
        boolean wrong() {
            return answered().stream().anyMatch(t -> !message.topics().contains(t));
        }

        boolean languageRight() {
            return message.language().map(alone::equals).orElse(false);
        }
    }

    public Report run(EvaluationSet set) {
        List<Turn> turns = new ArrayList<>();
        for (Message m : set.messages()) {
            Classification c = classifier.apply(m.text());
            Locale alone = languages.detect(m.text());
            Locale other = m.language().map(l -> l.equals(Locale.FRENCH) ? Locale.ENGLISH : Locale.FRENCH).orElse(Locale.FRENCH);
            turns.add(new Turn(m, c, alone, languages.detect(m.text(), other)));
        }
        List<Figure> targets = List.of(
                share("inScope", "in-scope answered right", turns, t -> t.message().inScope(), Turn::right, 0.95, false),
                share("inScope.long", "in-scope answered right, messages of " + LONG_WORDS + "+ words", turns,
                        t -> t.message().inScope() && t.message().words() >= LONG_WORDS, Turn::right, 0.90, false),
                share("unnamed", "needs described without naming the topic (unnamed)", turns,
                        t -> !t.message().offTopic() && t.message().has(Tag.UNNAMED), Turn::handled, 0.90, false),
                share("offTopic", "off-topic declined", turns, t -> t.message().offTopic(), Turn::declined, 0.95, false),
                share("wrong", "confidently wrong (a topic answered that was not asked)", turns, t -> true, Turn::wrong, 0.02, true),
                share("twoQuestions", "two questions in one message, both answered", turns, t -> t.message().twoQuestions(), Turn::both, 0.90, false),
                share("language", "answer language, no locale (messages with a language)", turns,
                        t -> t.message().language().isPresent(), Turn::languageRight, 0.97, false));
        List<Figure> spread = new ArrayList<>();
        for (String lang : List.of("fr", "en")) {
            spread.add(share("inScope." + lang, "in-scope right, " + lang, turns, t -> t.message().inScope()
                    && t.message().language().map(l -> l.getLanguage().equals(lang)).orElse(false), Turn::right));
        }
        spread.add(share("inScope.neutral", "in-scope right, no language of its own", turns,
                t -> t.message().inScope() && t.message().language().isEmpty(), Turn::right));
        spread.add(share("inScope.short", "in-scope right, 1-3 words", turns, t -> t.message().inScope() && t.message().words() <= 3, Turn::right));
        spread.add(share("inScope.medium", "in-scope right, 4-" + (LONG_WORDS - 1) + " words", turns,
                t -> t.message().inScope() && t.message().words() > 3 && t.message().words() < LONG_WORDS, Turn::right));
        spread.add(share("inScope.typo", "in-scope right, typos", turns, t -> t.message().inScope() && t.message().has(Tag.TYPO), Turn::right));
        spread.add(share("unnamed.long", "in-scope right, long and unnamed", turns, t -> t.message().inScope()
                && t.message().has(Tag.UNNAMED) && t.message().words() >= LONG_WORDS, Turn::right));
        spread.add(share("inScope.declined", "in-scope declined as off-topic or not on the page", turns, t -> t.message().inScope(), Turn::declined));
        spread.add(share("offTopic.near", "off-topic declined, near the domain", turns, t -> t.message().offTopic() && t.message().has(Tag.NEAR),
                Turn::declined));
        spread.add(share("offTopic.far", "off-topic declined, far from it", turns, t -> t.message().offTopic() && !t.message().has(Tag.NEAR),
                Turn::declined));
        spread.add(share("wrong.inScope", "confidently wrong, in-scope", turns, t -> t.message().inScope(), Turn::wrong));
        spread.add(share("wrong.offTopic", "confidently wrong, off-topic", turns, t -> t.message().offTopic(), Turn::wrong));
        spread.add(share("wrong.twoQuestions", "confidently wrong, two questions", turns, t -> t.message().twoQuestions(), Turn::wrong));
        for (String lang : List.of("fr", "en")) {
            spread.add(share("language." + lang, "answer language, " + lang, turns,
                    t -> t.message().language().map(l -> l.getLanguage().equals(lang)).orElse(false), Turn::languageRight));
        }
        spread.add(share("language.short", "answer language, 1-3 words", turns,
                t -> t.message().language().isPresent() && t.message().words() <= 3, Turn::languageRight));
        spread.add(share("language.long", "answer language, " + LONG_WORDS + "+ words", turns,
                t -> t.message().language().isPresent() && t.message().words() >= LONG_WORDS, Turn::languageRight));
        spread.add(share("language.afterOther", "answer language, after a message in the other language", turns,
                t -> t.message().language().isPresent(), t -> t.message().language().get().equals(t.afterOther())));
        spread.add(share("neutral.fr", "no language of its own: a French conversation's kept", turns,
                t -> t.message().language().isEmpty(), t -> languages.detect(t.message().text(), Locale.FRENCH).equals(Locale.FRENCH)));
        spread.add(share("neutral.en", "no language of its own: an English conversation's kept", turns,
                t -> t.message().language().isEmpty(), t -> languages.detect(t.message().text(), Locale.ENGLISH).equals(Locale.ENGLISH)));
        return new Report(set.name(), turns.size(), targets, List.copyOf(spread), misses(turns));
    }

    private List<Miss> misses(List<Turn> turns) {
        List<Miss> misses = new ArrayList<>();
        for (Turn t : turns) {
            Message m = t.message();
            String what = null;
            if (m.inScope() && !t.right()) {
                what = "missed";
            } else if (m.offTopic() && !t.declined()) {
                what = "not declined";
            } else if (m.twoQuestions() && !t.both()) {
                what = "not both answered";
            }
            if (what != null) {
                misses.add(new Miss(m, what, said(t)));
            }
            if (m.language().isPresent() && !t.languageRight()) {
                misses.add(new Miss(m, "answered in " + t.alone().getLanguage(), said(t)));
            }
        }
        return List.copyOf(misses);
    }

    /** What the bot answered, as the user would see it: the topics' titles, or what it said instead. */
    private String said(Turn t) {
        Classification c = t.classification();
        Locale language = t.alone();
        return switch (c.outcome()) {
            case ANSWER, TWO_QUESTIONS -> String.join(" + ", c.answered().stream()
                    .map(i -> i + " \"" + content.story(i).map(s -> s.title().in(language)).orElse("?") + "\"").toList());
            case UNSURE -> "did you mean: " + String.join(", ", c.closest().stream().map(IntentScore::intent).toList());
            case NOT_ON_PAGE -> "the page doesn't say, ask the community (not_on_page; closest "
                    + closestOf(c) + ")";
            case OFF_TOPIC -> "declined (off_topic; closest " + closestOf(c) + ")";
        };
    }

    private static String closestOf(Classification c) {
        return c.closest().isEmpty() ? "none" : c.closest().get(0).intent();
    }

    private static Figure share(String key, String name, List<Turn> turns, Predicate<Turn> which, Predicate<Turn> counted) {
        return share(key, name, turns, which, counted, Double.NaN, false);
    }

    private static Figure share(String key, String name, List<Turn> turns, Predicate<Turn> which, Predicate<Turn> counted,
                                double target, boolean atMost) {
        List<Turn> of = turns.stream().filter(which).toList();
        return new Figure(key, name, (int) of.stream().filter(counted).count(), of.size(), target, atMost);
    }

    /** The most frequent confusions, "expected -> said", for a quick look at what to fix first. */
    public static List<String> confusions(Report report, int limit) {
        Map<String, Integer> counts = new HashMap<>();
        report.misses().stream().filter(m -> !m.what().startsWith("answered in"))
                .forEach(m -> counts.merge(m.message().expected() + " -> " + m.said().split(" ")[0], 1, Integer::sum));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .map(e -> String.format(Locale.ROOT, "%3d  %s", e.getValue(), e.getKey())).toList();
    }
}
