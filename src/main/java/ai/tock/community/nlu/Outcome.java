package ai.tock.community.nlu;

/** What the bot does with a message. */
public enum Outcome {
    /** Confident: answer the intent(s). */
    ANSWER,
    /** Close to some topics but not sure: ask "did you mean…?". */
    UNSURE,
    /** About Tock, but the page does not say: send the asker to the community. */
    NOT_ON_PAGE,
    /** Not about the Tock community at all: decline. */
    OFF_TOPIC
}
