package ai.tock.community.content;

import java.math.BigInteger;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id the published page gives a heading. doc.tock.ai is built by MkDocs (Material theme) with no
 * {@code toc} settings of its own, so MkDocs' default table-of-contents extension names each heading:
 * Python-Markdown's {@code slugify} (accents folded to ASCII, then only letters, digits, {@code _},
 * spaces and {@code -} kept, lower case, runs of spaces and dashes made one {@code -}), made unique
 * in the page with {@code _1}, {@code _2}…
 */
final class HeadingAnchor {

    private static final Pattern NOT_ASCII = Pattern.compile("[^\\x00-\\x7F]");
    private static final Pattern NOT_KEPT = Pattern.compile("[^A-Za-z0-9_\\s-]");
    private static final Pattern SEPARATORS = Pattern.compile("[-\\s]+");
    private static final Pattern COUNTED = Pattern.compile("^(.*)_([0-9]+)$");
    // Inline Markdown is rendered before the id is made: only the text of a link or an emphasis counts.
    private static final Pattern INLINE_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern UNDERSCORE_EMPHASIS = Pattern.compile("(?<![A-Za-z0-9])_+([^_]+?)_+(?![A-Za-z0-9])");
    private static final Pattern MARKUP = Pattern.compile("[*`]");

    private HeadingAnchor() {
    }

    /** The id of a heading written {@code heading} in Markdown, before it is made unique. */
    static String of(String heading) {
        String text = MARKUP.matcher(UNDERSCORE_EMPHASIS.matcher(INLINE_LINK.matcher(heading).replaceAll("$1"))
                .replaceAll("$1")).replaceAll("");
        String ascii = NOT_ASCII.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        String kept = NOT_KEPT.matcher(ascii).replaceAll("").strip().toLowerCase(Locale.ROOT);
        return SEPARATORS.matcher(kept).replaceAll("-");
    }

    /** {@code id}, or the first of {@code id_1}, {@code id_2}… not used yet; recorded as used. */
    static String unique(String id, Set<String> used) {
        String candidate = id;
        while (candidate.isEmpty() || used.contains(candidate)) {
            Matcher counted = COUNTED.matcher(candidate);
            candidate = counted.matches()
                    ? counted.group(1) + "_" + new BigInteger(counted.group(2)).add(BigInteger.ONE)
                    : candidate + "_1";
        }
        used.add(candidate);
        return candidate;
    }
}
