package ai.tock.community.nlu;

import java.util.List;

/**
 * One sample question and the intent it asks for.
 *
 * @param tokens the question as {@link TextNormalizer#tokens} gives it: tokenized once, for every model
 */
public record TrainingSample(List<String> tokens, String intent) {
}
