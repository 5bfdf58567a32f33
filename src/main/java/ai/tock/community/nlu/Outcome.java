package ai.tock.community.nlu;

import ai.tock.community.content.StoryKind;
import java.util.Locale;

/**
 * What the bot does with a message. One name each: {@link #label()} is the Tock intent of its story
 * (for the two answering outcomes, the topics' own intents are used instead), the value in the turn
 * log, the metrics and {@code unanswered.jsonl}; {@link #storyKind()} is the kind of the story that
 * says it.
 */
public enum Outcome {
    /** Confident: answer the topic. */
    ANSWER(null),
    /** Two questions in one message, each confident: answer both, in the order asked. */
    TWO_QUESTIONS(null),
    /** Close to some topics but not sure: ask "did you mean…?" with the closest topics. */
    UNSURE(StoryKind.UNSURE),
    /** About Tock, but the page does not say: send the asker to the community. */
    NOT_ON_PAGE(StoryKind.NOT_ON_PAGE),
    /** Not about the Tock community at all: decline. */
    OFF_TOPIC(StoryKind.OFF_TOPIC);

    private final StoryKind storyKind;
    private final String label;

    Outcome(StoryKind storyKind) {
        this.storyKind = storyKind;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    /** The kind of story that answers this outcome; null when the topics' own stories answer. */
    public StoryKind storyKind() {
        return storyKind;
    }

    /** Whether the bot answers from topics (one or two) rather than declining or asking back. */
    public boolean answers() {
        return storyKind == null;
    }

    /** The outcome a Tock intent stands for: one of the outcomes' labels, or a topic's intent (an answer). */
    public static Outcome ofIntent(String intent) {
        for (Outcome outcome : values()) {
            if (outcome != ANSWER && outcome.label.equals(intent)) {
                return outcome;
            }
        }
        return ANSWER;
    }
}
