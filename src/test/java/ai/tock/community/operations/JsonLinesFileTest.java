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
import java.util.stream.Stream;
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
        List<UnansweredLog.Entry> entries = log.read(Stream::toList);
        assertEquals(2, entries.size());
        assertEquals("combien ? font 2+2", entries.get(0).text());
    }

    @Test
    void a_long_question_is_clipped_before_an_emoji_not_in_its_middle() throws Exception {
        Path data = Files.createTempDirectory("jsonl-clip");
        String question = "a".repeat(999) + "😀 la suite";
        UnansweredLog unanswered = new UnansweredLog(data, Clock.systemUTC());
        unanswered.record(question, Locale.FRENCH, new Classification(Outcome.OFF_TOPIC, List.of(), List.of()));
        assertEquals("a".repeat(999), unanswered.read(Stream::toList).get(0).text(), "no half emoji (written as '?')");
        FeedbackLog feedback = new FeedbackLog(data, Clock.systemUTC());
        feedback.record("down", "licence", question, Locale.FRENCH);
        assertEquals("a".repeat(999), feedback.read(Stream::toList).get(0).question());
    }

    @Test
    void the_file_rotates_by_size_and_its_total_stays_bounded() throws Exception {
        Path data = Files.createTempDirectory("jsonl-rotate");
        record Line(int n, String text) {
        }
        try (JsonLinesFile<Line> file = new JsonLinesFile<>(data.resolve("lines.jsonl"), Line.class, 10_000, 2)) {
            for (int i = 0; i < 20_000; i++) {
                file.append(new Line(i, "question number " + i));
            }
            long files;
            long bytes = 0;
            try (Stream<Path> all = Files.list(data)) {
                List<Path> written = all.toList();
                files = written.size();
                for (Path f : written) {
                    bytes += Files.size(f);
                }
            }
            assertEquals(3, files, "the current file and two rotated ones");
            assertTrue(bytes <= 3 * 10_100, "about 3 × 10 kB in all, was " + bytes);
            List<Line> kept = file.read(Stream::toList);
            assertEquals(19_999, kept.get(kept.size() - 1).n(), "the newest record is kept, read last");
            for (int i = 1; i < kept.size(); i++) {
                assertEquals(kept.get(i - 1).n() + 1, kept.get(i).n(), "oldest first, none missing in between");
            }
        }
    }
}
