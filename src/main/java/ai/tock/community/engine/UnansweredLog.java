package ai.tock.community.engine;

import ai.tock.community.nlu.Classification;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Questions the bot could not answer with confidence, one JSON line each, for operators to turn
 * into new sample questions.
 */
public final class UnansweredLog {

    public static final String FILE_NAME = "unanswered.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(UnansweredLog.class);
    private static final int MAX_TEXT = 1000;

    /** One line of the log. */
    public record Entry(String text, String language, String outcome, List<Closest> closest, String time) {
    }

    /** A close topic and its score. */
    public record Closest(String intent, double score) {
    }

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public UnansweredLog(Path dataDir, Clock clock) {
        this.file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    void record(String text, Locale language, Classification classification) {
        String kept = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        List<Closest> closest = classification.closest().stream()
                .map(s -> new Closest(s.intent(), Math.round(s.score() * 1000) / 1000.0)).toList();
        Entry entry = new Entry(kept, language.getLanguage(), classification.outcome().name().toLowerCase(Locale.ROOT),
                closest, clock.instant().toString());
        try {
            String line = json.writeValueAsString(entry) + "\n";
            synchronized (this) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            LOG.warn("cannot append to the unanswered-questions log {}: {}", file, e.toString());
        }
    }
}
