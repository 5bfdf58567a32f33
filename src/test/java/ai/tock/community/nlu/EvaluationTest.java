package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.TestContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The evaluation format, read line by line, and the figures counted from what a classifier says. */
class EvaluationTest {

    private static final Set<String> TOPICS = Set.of("gitter_lobby", "licence", "sources", "demo", "greetings");

    private static EvaluationSet parse(String text) {
        return EvaluationSet.parse("set.tsv", text.getBytes(StandardCharsets.UTF_8), TOPICS);
    }

    private static String problem(String text) {
        return assertThrows(EvaluationSet.InvalidSet.class, () -> parse(text)).getMessage();
    }

    @Test
    void reads_the_four_columns_skipping_comments_and_blank_lines() {
        EvaluationSet set = parse("\uFEFF# a comment\n\ngitter_lobby\tfr\ttypo\tslt, c ou le chat ?\r\n"
                + "sources+licence\ten\t-\twhere's the code, and what's the license?\n"
                + "off-topic\t-\tnear,typo\tk8s ?\n");
        assertEquals(3, set.messages().size());
        EvaluationSet.Message first = set.messages().get(0);
        assertEquals(3, first.line());
        assertEquals(List.of("gitter_lobby"), first.topics());
        assertEquals(Optional.of(Locale.FRENCH), first.language());
        assertEquals(Set.of(EvaluationSet.Tag.TYPO), first.tags());
        assertEquals("slt, c ou le chat ?", first.text(), "the carriage return is not part of the message");
        assertEquals(List.of("sources", "licence"), set.messages().get(1).topics());
        assertTrue(set.messages().get(2).offTopic());
        assertEquals(Optional.empty(), set.messages().get(2).language());
        assertEquals(Set.of(EvaluationSet.Tag.NEAR, EvaluationSet.Tag.TYPO), set.messages().get(2).tags());
    }

    @Test
    void counts_words_as_a_reader_does() {
        assertEquals(5, parse("licence\ten\t-\tHi! what's the licence , please ?\n").messages().get(0).words());
    }

    @Test
    void a_bad_line_is_named_with_its_problem() {
        assertEquals("set.tsv:2: expected 4 columns separated by a TAB (expected, language, tags, message), found 3",
                problem("licence\ten\t-\tlicence ?\nlicence en - licence ?\tx\ty\n"));
        assertEquals("set.tsv:1: 'gitter' is not a topic of the bot (expected a topic id, off-topic, or two topics joined by +)",
                problem("gitter\tfr\t-\tle gitter ?\n"));
        assertEquals("set.tsv:1: language 'de' is not fr, en or -", problem("licence\tde\t-\tLizenz?\n"));
        assertEquals("set.tsv:1: unknown tag 'long' (expected typo, unnamed, near, or -)", problem("licence\ten\tlong\tlicence?\n"));
        assertEquals("set.tsv:1: the tag 'near' is for off-topic messages only", problem("licence\ten\tnear\tlicence?\n"));
        assertEquals("set.tsv:1: the message is empty", problem("licence\ten\t-\t \n"));
        assertEquals("set.tsv:1: 'licence+licence' names the same topic twice", problem("licence+licence\ten\t-\tlicence?\n"));
        assertEquals("set.tsv:1: 'demo+licence+sources' names more than two topics", problem("demo+licence+sources\ten\t-\tall?\n"));
        assertTrue(problem("# only a comment\n").startsWith("set.tsv: no message"));
    }

    @Test
    void a_line_that_is_not_utf8_is_named() {
        byte[] bytes = "licence\ten\t-\tok\nlicence\tfr\t-\tlicence ?\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length);
        broken[broken.length - 3] = (byte) 0xE9; // Latin-1 é
        String message = assertThrows(EvaluationSet.InvalidSet.class,
                () -> EvaluationSet.parse("set.tsv", broken, TOPICS)).getMessage();
        assertEquals("set.tsv:2: not valid UTF-8", message);
    }

    @Test
    void figures_count_what_the_classifier_said() {
        EvaluationSet set = parse("""
                gitter_lobby\tfr\t-\tA
                gitter_lobby\ten\tunnamed\tB one two three four five six seven eight nine ten eleven
                licence\ten\t-\tC
                sources\tfr\t-\tD
                off-topic\ten\tnear\tE
                off-topic\tfr\t-\tF
                sources+licence\ten\t-\tG
                demo+licence\t-\t-\tH
                """);
        Classification lobby = answer("gitter_lobby");
        Map<String, Classification> said = Map.of(
                "A", lobby,
                "B one two three four five six seven eight nine ten eleven", lobby,
                "C", answer("sources"), // wrong
                "D", new Classification(Outcome.TWO_QUESTIONS, List.of("sources", "demo"), List.of()), // right one beside a wrong one
                "E", new Classification(Outcome.NOT_ON_PAGE, List.of(), List.of()),
                "F", answer("demo"), // wrong
                "G", new Classification(Outcome.TWO_QUESTIONS, List.of("licence", "sources"), List.of()),
                "H", answer("demo")); // one of the two
        LanguageDetector languages = new LanguageDetector();
        Evaluation.Report report = new Evaluation(said::get, languages, TestContent.load()).run(set);
        assertFigure(report, "inScope", 2, 4);
        assertFigure(report, "inScope.long", 1, 1);
        assertFigure(report, "unnamed", 1, 1);
        assertFigure(report, "offTopic", 1, 2);
        assertFigure(report, "wrong", 3, 8);
        assertFigure(report, "twoQuestions", 1, 2);
        assertFigure(report, "offTopic.near", 1, 1);
        assertEquals(4, report.misses().stream().filter(m -> !m.what().startsWith("answered in")).count());
        String text = report.asText();
        assertTrue(text.contains("line 3 [licence, en] missed: C"), text);
        assertTrue(text.contains("said: sources \"Source code\""), text);
    }

    private static Classification answer(String intent) {
        return new Classification(Outcome.ANSWER, List.of(intent), List.of(new IntentScore(intent, 0.9)));
    }

    private static void assertFigure(Evaluation.Report report, String key, int count, int of) {
        Evaluation.Figure figure = report.figure(key);
        assertEquals(List.of(count, of), List.of(figure.count(), figure.of()), key);
    }
}
