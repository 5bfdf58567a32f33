package ai.tock.community.nlu;

/** How well a message matches one intent, from 0 to 1. */
public record IntentScore(String intent, double score) {
}
