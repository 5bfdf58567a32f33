package ai.tock.community.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How often the bot answers in the language of the question. Only messages that have a language
 * count; a language-neutral one ("demo") is checked to keep the conversation's language, in either.
 *
 * @param language       messages with a language, answered in it (no conversation before)
 * @param languageShort  the same, for messages of one or two words
 * @param neutralKept    language-neutral messages answered in the conversation's language
 * @param switched       messages with a language, sent in a conversation held in the other one, answered in theirs
 */
record LanguageAccuracy(double language, double languageShort, double neutralKept, double switched, List<String> misses) {

    static LanguageAccuracy measure(LanguageDetector detector, List<DevelopmentSet.Message> messages) {
        List<String> misses = new ArrayList<>();
        int right = 0;
        int count = 0;
        int shortRight = 0;
        int shortCount = 0;
        int kept = 0;
        int neutral = 0;
        int switched = 0;
        for (DevelopmentSet.Message m : messages) {
            if (m.languageNeutral()) {
                for (Locale conversation : List.of(Locale.FRENCH, Locale.ENGLISH)) {
                    neutral++;
                    if (detector.detect(m.text(), conversation).equals(conversation)) {
                        kept++;
                    } else {
                        misses.add("language-neutral, not kept in " + conversation + ": " + m.text());
                    }
                }
                continue;
            }
            Locale asked = Locale.forLanguageTag(m.lang());
            Locale other = asked.equals(Locale.FRENCH) ? Locale.ENGLISH : Locale.FRENCH;
            boolean ok = detector.detect(m.text()).equals(asked);
            switched += detector.detect(m.text(), other).equals(asked) ? 1 : 0;
            count++;
            right += ok ? 1 : 0;
            if (m.text().trim().split("\\s+").length <= 2) {
                shortCount++;
                shortRight += ok ? 1 : 0;
            }
            if (!ok) {
                misses.add("language: " + m.text() + "  (" + m.lang() + ")");
            }
        }
        return new LanguageAccuracy(right / (double) count, shortRight / (double) shortCount,
                kept / (double) neutral, switched / (double) count, misses);
    }
}
