package ai.tock.community.nlu;

import java.util.List;

/**
 * What a message asks.
 *
 * @param outcome  what the bot should do
 * @param answered the intents to answer, in the order asked: one for ANSWER, two for TWO_QUESTIONS, else none
 * @param closest  the closest intents, best first (at most 3), with their scores
 */
public record Classification(Outcome outcome, List<String> answered, List<IntentScore> closest) {

    /** The Tock intent the turn goes to: the topic for one answer, else the outcome's own. */
    public String intent() {
        return outcome == Outcome.ANSWER ? answered.get(0) : outcome.label();
    }

    public double topScore() {
        return closest.isEmpty() ? 0 : closest.get(0).score();
    }
}
