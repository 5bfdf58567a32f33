package ai.tock.community.operations;

import ai.tock.community.shared.Texts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/** The 👍 and 👎 users gave to answers, one JSON line each, with the topic and the question rated. */
public final class FeedbackLog {

    public static final String FILE_NAME = "feedback.jsonl";
    private static final int MAX_TEXT = 1000;
    // The file and its rotated copies stay within about 5 × 4 MiB.
    private static final long MAX_FILE_BYTES = 4L << 20;
    private static final int ROTATED_FILES = 4;

    /** One vote. */
    public record Vote(String vote, String intent, String question, String language, String time) {
    }

    private final JsonLinesFile<Vote> file;
    private final Clock clock;

    public FeedbackLog(Path dataDir, Clock clock) {
        this.file = new JsonLinesFile<>(dataDir.resolve(FILE_NAME), Vote.class, MAX_FILE_BYTES, ROTATED_FILES);
        this.clock = clock;
    }

    /** Reads the records, oldest first, as a stream closed when {@code reader} returns. */
    public <R> R read(Function<Stream<Vote>, R> reader) {
        return file.read(reader);
    }

    public void record(String vote, String intent, String question, Locale language) {
        String kept = Texts.clip(question, MAX_TEXT);
        String checkedVote = "up".equals(vote) || "down".equals(vote) ? vote : "unknown";
        file.append(new Vote(checkedVote, Texts.clip(intent, 100), kept,
                language.getLanguage(), clock.instant().toString()));
    }
}
