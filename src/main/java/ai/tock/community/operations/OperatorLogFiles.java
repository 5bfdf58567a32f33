package ai.tock.community.operations;

import ai.tock.community.bot.OperatorLog;
import ai.tock.community.nlu.Classification;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/** The operator log as files of the data folder: {@code unanswered.jsonl} and {@code feedback.jsonl}. */
public final class OperatorLogFiles implements OperatorLog {

    private final UnansweredLog unanswered;
    private final FeedbackLog feedback;

    public OperatorLogFiles(Path dataDir, Clock clock) {
        this.unanswered = new UnansweredLog(dataDir, clock);
        this.feedback = new FeedbackLog(dataDir, clock);
    }

    @Override
    public void unanswered(String question, Locale language, Classification classification) {
        unanswered.record(question, language, classification);
    }

    @Override
    public void vote(String vote, String intent, String question, Locale language) {
        feedback.record(vote, intent, question, language);
    }

    /** What users asked that the bot could not answer, and the topics they liked least. */
    public UnansweredReport.Report report() {
        return unanswered.read(entries -> feedback.read(votes -> new UnansweredReport().build(entries, votes)));
    }
}
