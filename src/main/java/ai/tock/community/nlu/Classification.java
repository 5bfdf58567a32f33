package ai.tock.community.nlu;

import java.util.List;

/**
 * What a message asks.
 *
 * @param outcome  what the bot should do
 * @param answered the intents to answer, in the order asked (two for "X and Y?"); empty unless ANSWER
 * @param closest  the closest intents, best first (at most 3), with their scores
 */
public record Classification(Outcome outcome, List<String> answered, List<IntentScore> closest) {

    public double topScore() {
        return closest.isEmpty() ? 0 : closest.get(0).score();
    }
}
