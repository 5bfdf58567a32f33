package ai.tock.community.content;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a story is for; only topics answer from a section of the page, and only topics, small talk and the menu are learnt. */
public enum StoryKind {
    @JsonProperty("topic") TOPIC,
    @JsonProperty("smalltalk") SMALLTALK,
    @JsonProperty("menu") MENU,
    /** Said when a question is not about the Tock community. */
    @JsonProperty("off_topic") OFF_TOPIC,
    /** Said before "did you mean…?" suggestions. */
    @JsonProperty("unsure") UNSURE,
    /** Said when a Tock question's answer is not on the page. */
    @JsonProperty("not_on_page") NOT_ON_PAGE,
    /** Said when a user rates an answer with 👍 or 👎. */
    @JsonProperty("feedback") FEEDBACK,
    /** Examples of questions the bot must decline: learnt as a class of their own, never answered. */
    @JsonProperty("off_topic_examples") OFF_TOPIC_EXAMPLES;

    /** Whether the classifier learns this kind's questions. */
    public boolean learnt() {
        return this == TOPIC || this == SMALLTALK || this == MENU || this == OFF_TOPIC_EXAMPLES;
    }

    /** Whether the bot answers this kind's intent when it recognises it. */
    public boolean answered() {
        return this == TOPIC || this == SMALLTALK || this == MENU;
    }
}
