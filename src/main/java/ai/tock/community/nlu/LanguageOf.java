package ai.tock.community.nlu;

import java.util.Locale;

/** Tells the language a text is written in: French or English. */
@FunctionalInterface
public interface LanguageOf {

    Locale of(String text);
}
