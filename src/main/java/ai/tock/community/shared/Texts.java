package ai.tock.community.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text cut to a size for a payload, a log line or a model, or put to one plain form to compare. */
public final class Texts {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTERS_OR_DIGITS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Texts() {
    }

    /** The text without its accents ("été" → "ete"). */
    public static String withoutAccents(String text) {
        // Most messages are plain ASCII: no accents to take off.
        return text.chars().allMatch(c -> c < 128) ? text : MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    }

    /** Lower case, no accents, words of letters and digits separated by one space: "Prix & récompenses" → "prix recompenses". */
    public static String plain(String text) {
        return NOT_LETTERS_OR_DIGITS.matcher(withoutAccents(text.toLowerCase(Locale.ROOT))).replaceAll(" ").trim();
    }

    /** The first {@code maxChars} characters at most, never half of a surrogate pair (an emoji). */
    public static String clip(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars > 0 && Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }
}
