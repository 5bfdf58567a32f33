package ai.tock.community.nlu;

import ai.tock.community.shared.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Brings the ways people type a question to one form: lower case, no accents, no French elisions
 * (l', d', qu'), no punctuation, light stemming. Typos are left to the character n-grams.
 */
public final class TextNormalizer {

    private static final Pattern ELISION = Pattern.compile("\\b(qu|[ldjcnmst])['’`´]");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Words that say nothing about the topic, in either language (accents already removed). */
    private static final Set<String> STOP_WORDS = Set.copyOf(java.util.List.of(
            "a", "au", "aux", "avec", "ce", "ces", "cette", "de", "des", "du", "en", "et", "il", "elle", "je", "j",
            "la", "le", "les", "leur", "lui", "ma", "mais", "me", "mes", "moi", "mon", "ne", "nous", "on", "ou",
            "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "toi",
            "ton", "tu", "un", "une", "vos", "votre", "vous", "y", "est", "sont", "suis", "es", "etre", "ai", "as",
            "svp", "stp", "dans", "ca", "cela", "ceci", "c", "d", "l", "s", "t", "n", "m",
            "the", "an", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "am", "be", "i", "you",
            "me", "my", "your", "it", "its", "this", "that", "these", "those", "do", "does", "did", "can", "could",
            "would", "please", "pls", "plz", "there", "at", "by", "from", "about", "so", "we", "us"));

    public String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String unaccented = unaccent(lower);
        String noElision = unaccented.indexOf('\'') < 0 && unaccented.indexOf('’') < 0 && unaccented.indexOf('`') < 0
                && unaccented.indexOf('´') < 0 ? unaccented : ELISION.matcher(unaccented).replaceAll("$1 ");
        return NON_WORD.matcher(noElision).replaceAll(" ").trim();
    }

    /** The text without its accents ("été" → "ete"). */
    static String unaccent(String text) {
        return Texts.withoutAccents(text);
    }

    /** All tokens of the normalized text, stemmed. */
    public List<String> tokens(String text) {
        String normalized = normalize(text);
        List<String> tokens = new ArrayList<>();
        if (normalized.isEmpty()) {
            return tokens;
        }
        for (String word : normalized.split(" ")) {
            tokens.add(stem(word));
        }
        return tokens;
    }

    /** Tokens that carry meaning: stop words removed. */
    public List<String> contentTokens(String text) {
        return meaningful(tokens(text));
    }

    /** The tokens (from {@link #tokens}) that carry meaning. */
    public List<String> meaningful(List<String> tokens) {
        return tokens.stream().filter(t -> !STOP_WORDS.contains(t)).toList();
    }

    /** Plural and a few common endings: "licences" and "licence", "contributors" and "contributor" meet. */
    static String stem(String word) {
        if (word.length() > 4 && (word.endsWith("s") || word.endsWith("x")) && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
