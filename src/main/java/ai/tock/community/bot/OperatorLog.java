package ai.tock.community.bot;

import ai.tock.community.nlu.Classification;
import java.util.Locale;

/** Where the bot leaves what operators need to improve the content; operations keeps it. */
public interface OperatorLog {

    /** A question the bot could not answer with confidence. */
    void unanswered(String question, Locale language, Classification classification);

    /** A 👍 ("up") or 👎 ("down") on the answer of a topic, with the question it rated. */
    void vote(String vote, String intent, String question, Locale language);
}
