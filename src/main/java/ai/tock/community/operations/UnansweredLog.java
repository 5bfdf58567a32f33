package ai.tock.community.operations;

import ai.tock.community.nlu.Classification;
import ai.tock.community.shared.Texts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Questions the bot could not answer with confidence (refusals and "did you mean"), one JSON line
 * each, for operators to turn into new sample questions.
 */
public final class UnansweredLog {

    public static final String FILE_NAME = "unanswered.jsonl";
    private static final int MAX_TEXT = 1000;

    /** One line of the log. */
    public record Entry(String text, String language, String outcome, List<Closest> closest, String time) {
    }

    /** A close topic and its score. */
    public record Closest(String intent, double score) {
    }

    private final JsonLinesFile<Entry> file;
    private final Clock clock;

    public UnansweredLog(Path dataDir, Clock clock) {
        this.file = new JsonLinesFile<>(dataDir.resolve(FILE_NAME), Entry.class);
        this.clock = clock;
    }

    public List<Entry> entries() {
        return file.readAll();
    }

    public void record(String text, Locale language, Classification classification) {
        String kept = Texts.clip(text, MAX_TEXT);
        List<Closest> closest = classification.closest().stream()
                .map(s -> new Closest(s.intent(), Math.round(s.score() * 1000) / 1000.0)).toList();
        file.append(new Entry(kept, language.getLanguage(), classification.outcome().label(),
                closest, clock.instant().toString()));
    }
}
