package ai.tock.community.bot;

import ai.tock.community.content.Content;
import ai.tock.community.nlu.IntentClassifier;
import ai.tock.community.nlu.LanguageDetector;
import ai.tock.community.nlu.Thresholds;

/**
 * What the bot knows at one moment: the content and the models trained on it. Replaced as a whole
 * when the content changes, so a turn never sees the answers of one version with the model of another.
 *
 * @param version 1 at start-up, then one more per successful reload
 */
public record Knowledge(Content content, IntentClassifier classifier, LanguageDetector languages, int version) {

    public static Knowledge train(Content content, int version) {
        IntentClassifier classifier = new IntentClassifier(content, Thresholds.defaults());
        // A few questions through the models before the first user's: the first answer is not slowed
        // by code the JIT has not compiled yet.
        content.topics().forEach(story -> story.questionsFr().stream().limit(1).forEach(classifier::classify));
        return new Knowledge(content, classifier, LanguageDetector.of(content), version);
    }
}
