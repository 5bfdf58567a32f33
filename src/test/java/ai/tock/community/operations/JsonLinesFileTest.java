package ai.tock.community.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.tock.community.nlu.Classification;
import ai.tock.community.nlu.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The data folder's logs keep every record, whatever the user typed. */
class JsonLinesFileTest {

    @Test
    void a_question_with_a_lone_surrogate_is_still_recorded() throws Exception {
        Path data = Files.createTempDirectory("jsonl-test").resolve("not-yet-created");
        UnansweredLog log = new UnansweredLog(data, Clock.systemUTC());
        // Valid JSON ("\ud800") gives Java a string that is not valid UTF-16: it must not lose the record.
        log.record("combien \ud800 font 2+2", Locale.FRENCH, new Classification(Outcome.OFF_TOPIC, List.of(), List.of()));
        log.record("second", Locale.FRENCH, new Classification(Outcome.OFF_TOPIC, List.of(), List.of()));
        List<UnansweredLog.Entry> entries = log.entries();
        assertEquals(2, entries.size());
        assertEquals("combien ? font 2+2", entries.get(0).text());
    }

    @Test
    void a_long_question_is_clipped_before_an_emoji_not_in_its_middle() throws Exception {
        Path data = Files.createTempDirectory("jsonl-clip");
        String question = "a".repeat(999) + "😀 la suite";
        UnansweredLog unanswered = new UnansweredLog(data, Clock.systemUTC());
        unanswered.record(question, Locale.FRENCH, new Classification(Outcome.OFF_TOPIC, List.of(), List.of()));
        assertEquals("a".repeat(999), unanswered.entries().get(0).text(), "no half emoji (written as '?')");
        FeedbackLog feedback = new FeedbackLog(data, Clock.systemUTC());
        feedback.record("down", "licence", question, Locale.FRENCH);
        assertEquals("a".repeat(999), feedback.votes().get(0).question());
    }
}
