package ai.tock.community.operations;

import ai.tock.community.shared.Texts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** The 👍 and 👎 users gave to answers, one JSON line each, with the topic and the question rated. */
public final class FeedbackLog {

    public static final String FILE_NAME = "feedback.jsonl";
    private static final int MAX_TEXT = 1000;

    /** One vote. */
    public record Vote(String vote, String intent, String question, String language, String time) {
    }

    private final JsonLinesFile<Vote> file;
    private final Clock clock;

    public FeedbackLog(Path dataDir, Clock clock) {
        this.file = new JsonLinesFile<>(dataDir.resolve(FILE_NAME), Vote.class);
        this.clock = clock;
    }

    public List<Vote> votes() {
        return file.readAll();
    }

    public void record(String vote, String intent, String question, Locale language) {
        String kept = Texts.clip(question, MAX_TEXT);
        String checkedVote = "up".equals(vote) || "down".equals(vote) ? vote : "unknown";
        file.append(new Vote(checkedVote, Texts.clip(intent, 100), kept,
                language.getLanguage(), clock.instant().toString()));
    }
}
