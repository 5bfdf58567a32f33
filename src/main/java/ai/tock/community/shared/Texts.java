package ai.tock.community.shared;

/** Text cut to a size for a payload, a log line or a model. */
public final class Texts {

    private Texts() {
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
