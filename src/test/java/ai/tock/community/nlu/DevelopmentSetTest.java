package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.TestContent;
import ai.tock.community.content.Content;
import ai.tock.community.content.Language;
import ai.tock.community.content.Story;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How well the bot understands questions it never saw. Prints the figures on every build and fails
 * below floors set just under the measured figures, so a change that makes the bot worse is caught.
 */
class DevelopmentSetTest {

    // Measured 2026-11-25: in-scope 96.1% (fr 95.1%, en 97.2%, typos 96.2%), off-topic declined 92.2%,
    // wrong confident 1.9%, language 96.0% (one or two words 82.4%), two questions 83.3%.
    private static final double FLOOR_IN_SCOPE = 0.95;
    private static final double FLOOR_ENGLISH = 0.95;
    private static final double FLOOR_TYPOS = 0.95;
    private static final double FLOOR_OFF_TOPIC_DECLINED = 0.90;
    private static final double CEILING_WRONG_CONFIDENT = 0.022;
    private static final double FLOOR_LANGUAGE = 0.95;
    private static final double FLOOR_LANGUAGE_SHORT = 0.80;
    private static final double FLOOR_TWO_QUESTIONS = 0.80;

    private static final DevelopmentSet DEV = DevelopmentSet.load();
    private static IntentClassifier classifier;
    private static LanguageDetector languages;
    // -Ddevset.verbose=true lists every miss.
    private static final boolean VERBOSE = Boolean.getBoolean("devset.verbose");
    private static final List<String> ROWS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void train() {
        Content content = TestContent.load();
        classifier = new IntentClassifier(content, Thresholds.defaults());
        List<String> fr = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Story s : content.stories()) {
            fr.addAll(s.questionsIn(Language.FR));
            en.addAll(s.questionsIn(Language.EN));
        }
        languages = new LanguageDetector(fr, en);
    }

    @Test
    void in_scope_questions_get_the_right_answer() {
        double all = inScopeAccuracy(q -> true);
        double french = inScopeAccuracy(q -> q.lang().equals("fr"));
        double english = inScopeAccuracy(q -> q.lang().equals("en"));
        double typos = inScopeAccuracy(DevelopmentSet.InScope::typo);
        print("in-scope right answer: %.1f%% (fr %.1f%%, en %.1f%%, typos %.1f%%) on %d questions",
                all * 100, french * 100, english * 100, typos * 100, DEV.inScope().size());
        printConfusions();
        row("in-scope: right answer", all, ">=", FLOOR_IN_SCOPE);
        row("in-scope: right answer, English", english, ">=", FLOOR_ENGLISH);
        row("in-scope: right answer, French", french, ">=", FLOOR_IN_SCOPE - 0.01);
        row("in-scope: right answer, typos/no accents", typos, ">=", FLOOR_TYPOS);
        assertTrue(all >= FLOOR_IN_SCOPE, "in-scope " + all);
        assertTrue(french >= FLOOR_IN_SCOPE - 0.01, "french " + french);
        assertTrue(english >= FLOOR_ENGLISH, "english " + english);
        assertTrue(typos >= FLOOR_TYPOS, "typos " + typos);
    }

    @Test
    void off_topic_questions_are_declined() {
        int declined = 0;
        int notOnPageForNear = 0;
        int near = 0;
        for (DevelopmentSet.OffTopic q : DEV.offTopic()) {
            Classification c = classifier.classify(q.text());
            if (c.outcome() == Outcome.NOT_ON_PAGE || c.outcome() == Outcome.OFF_TOPIC) {
                declined++;
            } else {
                print("  not declined: %-55s -> %s %s", q.text(), c.outcome(), c.closest().isEmpty() ? "" : c.closest().get(0));
            }
            if (q.kind().equals("near")) {
                near++;
                if (c.outcome() == Outcome.NOT_ON_PAGE) {
                    notOnPageForNear++;
                }
            }
        }
        double rate = declined / (double) DEV.offTopic().size();
        print("off-topic declined: %.1f%% of %d (near-domain told \"not on the page\": %d of %d)",
                rate * 100, DEV.offTopic().size(), notOnPageForNear, near);
        row("off-topic: declined", rate, ">=", FLOOR_OFF_TOPIC_DECLINED);
        assertTrue(rate >= FLOOR_OFF_TOPIC_DECLINED, "off-topic declined " + rate);
    }

    @Test
    void wrong_topics_are_rarely_answered_with_confidence() {
        int wrong = 0;
        for (DevelopmentSet.InScope q : DEV.inScope()) {
            Classification c = classifier.classify(q.text());
            if (c.outcome() == Outcome.ANSWER && !c.answered().contains(q.intent())) {
                wrong++;
            }
        }
        for (DevelopmentSet.OffTopic q : DEV.offTopic()) {
            if (classifier.classify(q.text()).outcome() == Outcome.ANSWER) {
                wrong++;
            }
        }
        double rate = wrong / (double) (DEV.inScope().size() + DEV.offTopic().size());
        print("wrong topic answered with confidence: %.1f%% (%d)", rate * 100, wrong);
        row("wrong topic answered with confidence", rate, "<=", CEILING_WRONG_CONFIDENT);
        assertTrue(rate <= CEILING_WRONG_CONFIDENT, "wrong confident " + rate);
    }

    @Test
    void answers_come_in_the_language_of_the_question() {
        int right = 0;
        int total = 0;
        int shortRight = 0;
        int shortTotal = 0;
        List<String> texts = new ArrayList<>();
        List<String> langs = new ArrayList<>();
        DEV.inScope().forEach(q -> { texts.add(q.text()); langs.add(q.lang()); });
        DEV.offTopic().forEach(q -> { texts.add(q.text()); langs.add(q.lang()); });
        for (int i = 0; i < texts.size(); i++) {
            boolean ok = languages.detect(texts.get(i)).getLanguage().equals(langs.get(i));
            boolean isShort = texts.get(i).trim().split("\\s+").length <= 2;
            total++;
            right += ok ? 1 : 0;
            if (isShort) {
                shortTotal++;
                shortRight += ok ? 1 : 0;
            }
            if (!ok) {
                print("  language wrong: %s (%s)", texts.get(i), langs.get(i));
            }
        }
        double rate = right / (double) total;
        double shortRate = shortRight / (double) shortTotal;
        print("language of the question: %.1f%% of %d; one or two words: %.1f%% of %d",
                rate * 100, total, shortRate * 100, shortTotal);
        row("language of the question", rate, ">=", FLOOR_LANGUAGE);
        row("language, messages of one or two words", shortRate, ">=", FLOOR_LANGUAGE_SHORT);
        assertTrue(rate >= FLOOR_LANGUAGE, "language " + rate);
        assertTrue(shortRate >= FLOOR_LANGUAGE_SHORT, "short language " + shortRate);
    }

    @Test
    void two_questions_in_one_message_are_both_answered() {
        int both = 0;
        for (DevelopmentSet.TwoQuestions q : DEV.twoQuestions()) {
            Classification c = classifier.classify(q.text());
            if (c.outcome() == Outcome.ANSWER && c.answered().containsAll(q.intents())) {
                both++;
            } else {
                print("  two questions missed: %s -> %s %s", q.text(), c.outcome(), c.answered());
            }
        }
        double rate = both / (double) DEV.twoQuestions().size();
        print("two questions, both answered: %.1f%% of %d", rate * 100, DEV.twoQuestions().size());
        row("two questions in one message: both answered", rate, ">=", FLOOR_TWO_QUESTIONS);
        assertTrue(rate >= FLOOR_TWO_QUESTIONS, "two questions " + rate);
    }

    private static double inScopeAccuracy(Predicate<DevelopmentSet.InScope> which) {
        List<DevelopmentSet.InScope> questions = DEV.inScope().stream().filter(which).toList();
        long right = questions.stream().filter(q -> {
            Classification c = classifier.classify(q.text());
            return c.outcome() == Outcome.ANSWER && c.answered().equals(List.of(q.intent()));
        }).count();
        return right / (double) questions.size();
    }

    private static void printConfusions() {
        Map<String, Integer> pairs = new HashMap<>();
        for (DevelopmentSet.InScope q : DEV.inScope()) {
            Classification c = classifier.classify(q.text());
            if (!(c.outcome() == Outcome.ANSWER && c.answered().equals(List.of(q.intent())))) {
                String got = c.outcome() == Outcome.ANSWER ? String.join("+", c.answered()) : c.outcome().name().toLowerCase(Locale.ROOT);
                pairs.merge(q.intent() + " -> " + got, 1, Integer::sum);
                print("  missed: %-60s %s -> %s %s", q.text(), q.intent(), got, c.closest());
            }
        }
        print("most confused (expected -> got):");
        pairs.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
                .forEach(e -> print("confused %3d  %s", e.getValue(), e.getKey()));
    }

    private static void print(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        if (!line.startsWith("  ") || VERBOSE) {
            System.out.println("[devset] " + line);
        }
    }

    /** One row of the summary table, printed once all tests ran. */
    private static void row(String measure, double value, String bound, double limit) {
        ROWS.add(String.format(Locale.ROOT, "%-42s %6.1f%%   %s %5.1f%%", measure, value * 100, bound, limit * 100));
    }

    @AfterAll
    static void printTable() {
        System.out.println("[devset] measure (development set)                  value   bound");
        ROWS.stream().sorted().forEach(r -> System.out.println("[devset] " + r));
    }
}
