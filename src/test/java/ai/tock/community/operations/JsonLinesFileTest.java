package ai.tock.community.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.nlu.Classification;
import ai.tock.community.nlu.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The data folder's logs keep every record, whatever the user typed, and the latest ones within a bound. */
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

    @Test
    void a_log_past_its_bound_starts_a_new_file_and_keeps_one_previous() throws Exception {
        Path data = Files.createTempDirectory("jsonl-bound");
        JsonLinesFile<FeedbackLog.Vote> log = new JsonLinesFile<>(data.resolve("votes.jsonl"), FeedbackLog.Vote.class, 1000);
        int written = 60;
        for (int i = 0; i < written; i++) {
            log.append(new FeedbackLog.Vote("down", "licence", "question " + i, "fr", "2026-01-01T00:00:00Z"));
        }
        assertTrue(Files.size(data.resolve("votes.jsonl")) <= 1000);
        assertTrue(Files.size(data.resolve("votes.jsonl.1")) <= 1000);
        List<FeedbackLog.Vote> kept = log.readAll();
        assertTrue(kept.size() < written && kept.size() > 0, kept.size() + " kept");
        // The latest ones, in order, up to the last written.
        for (int i = 0; i < kept.size(); i++) {
            assertEquals("question " + (written - kept.size() + i), kept.get(i).question());
        }
    }
}
