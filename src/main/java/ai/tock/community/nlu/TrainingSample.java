package ai.tock.community.nlu;

/** One sample question and the intent it asks for. */
public record TrainingSample(String text, String intent) {
}
