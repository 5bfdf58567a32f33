package ai.tock.community.engine;

/** Intents the classifier's outcomes map to, besides the stories' own. */
final class SpecialIntents {

    /** Two questions in one message; the intents travel, in order, as the other intents of the NLP result. */
    static final String TWO_QUESTIONS = "two_questions";
    /** "Did you mean…?"; the closest topics travel as the other intents. */
    static final String DID_YOU_MEAN = "did_you_mean";
    /** About Tock, but not on the page. */
    static final String NOT_ON_PAGE = "not_on_page";
    /** A 👍 or 👎 on an answer, sent as a payload by the web widget's quick replies. */
    static final String FEEDBACK = "feedback";
    /** Tock's own name for "not understood": routes to the bot's unknown story. */
    static final String UNKNOWN = "unknown";

    private SpecialIntents() {
    }
}
