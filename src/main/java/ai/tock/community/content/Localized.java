package ai.tock.community.content;

import java.util.Locale;

/** A text in the bot's two languages. */
public record Localized(String fr, String en) {

    public String in(Locale locale) {
        return Language.of(locale) == Language.EN ? en : fr;
    }
}
