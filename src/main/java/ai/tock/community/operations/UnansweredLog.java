package ai.tock.community.operations;

import ai.tock.community.nlu.Classification;
import ai.tock.community.shared.Texts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Questions the bot could not answer with confidence (refusals and "did you mean"), one JSON line
 * each, for operators to turn into new sample questions.
 */
public final class UnansweredLog {

    public static final String FILE_NAME = "unanswered.jsonl";
    private static final int MAX_TEXT = 1000;
    // The file and its rotated copies stay within about 5 × 4 MiB.
    private static final long MAX_FILE_BYTES = 4L << 20;
    private static final int ROTATED_FILES = 4;

    /** One line of the log. */
    public record Entry(String text, String language, String outcome, List<Closest> closest, String time) {
    }

    /** A close topic and its score. */
    public record Closest(String intent, double score) {
    }

    private final JsonLinesFile<Entry> file;
    private final Clock clock;

    public UnansweredLog(Path dataDir, Clock clock) {
        this.file = new JsonLinesFile<>(dataDir.resolve(FILE_NAME), Entry.class, MAX_FILE_BYTES, ROTATED_FILES);
        this.clock = clock;
    }

    /** Reads the records, oldest first, as a stream closed when {@code reader} returns. */
    public <R> R read(Function<Stream<Entry>, R> reader) {
        return file.read(reader);
    }

    public void record(String text, Locale language, Classification classification) {
        String kept = Texts.clip(text, MAX_TEXT);
        List<Closest> closest = classification.closest().stream()
                .map(s -> new Closest(s.intent(), Math.round(s.score() * 1000) / 1000.0)).toList();
        file.append(new Entry(kept, language.getLanguage(), classification.outcome().label(),
                closest, clock.instant().toString()));
    }
}
