package ai.tock.community.bot;

import java.util.Locale;

/**
 * What a channel asks of the bot besides Tock's own turns: every channel reaches the core through
 * this port, given to it at construction.
 */
public interface BotPort {

    /** Content loaded and models trained: the bot can answer. */
    boolean ready();

    /** The language a text is written in: French or English. */
    Locale languageOf(String text);

    /**
     * Like {@link #languageOf(String)}, but keeps {@code whenUnsure} (the conversation's language) when
     * the text does not tell: "demo" or "roadmap ?" in a French conversation.
     */
    Locale languageOf(String text, Locale whenUnsure);

    /** Whether answers to this intent take a 👍/👎 (topic answers, as the web widget offers them). */
    default boolean takesFeedback(String intent) {
        return false;
    }
}
