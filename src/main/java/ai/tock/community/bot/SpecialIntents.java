package ai.tock.community.bot;

/** Intents the classifier's outcomes map to, besides the stories' own. */
public final class SpecialIntents {

    /** Two questions in one message; the intents travel, in order, as the other intents of the NLP result. */
    public static final String TWO_QUESTIONS = "two_questions";
    /** "Did you mean…?"; the closest topics travel as the other intents. */
    public static final String DID_YOU_MEAN = "did_you_mean";
    /** About Tock, but not on the page. */
    public static final String NOT_ON_PAGE = "not_on_page";
    /** A 👍 or 👎 on an answer, sent as a payload by the web widget's quick replies. */
    public static final String FEEDBACK = "feedback";
    /** Tock's own name for "not understood": routes to the bot's unknown story. */
    public static final String UNKNOWN = "unknown";

    private SpecialIntents() {
    }
}
