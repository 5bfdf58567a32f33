package ai.tock.community.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A chat message cut into clauses, with what is not words of a question taken out: code, commands,
 * log lines and links. People write "Hi! We run Tock in production and I don't want to miss
 * upgrades. Where are new versions announced?": the question is one clause among greetings, context
 * and politeness, and its words must count more than those around it.
 *
 * @param clauses the clauses that carry words, in order
 * @param asked   the index of the clause that asks: the last with a question mark, else the last
 *                with a request word ("where", "lien", "could you"…), else the last
 */
record MessageParts(List<String> clauses, int asked) {

    // Code and what a terminal or a log prints: names and numbers of no topic ("NullPointerException",
    // "vert.x-eventloop-thread-0"), which would pass for the words of a Tock question the page does not answer.
    private static final Pattern CODE = Pattern.compile("```.*?```|`[^`\\n]*`", Pattern.DOTALL);
    // A link, without the punctuation after it ("see https://example.org/log.txt: where…").
    private static final Pattern LINK = Pattern.compile("\\b(?:https?://|www\\.)\\S*[^\\s.,;:!?)]", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOG_WORD = Pattern.compile(
            "\\b\\w*[a-z](?:Exception|Error)\\b\\S*|\\b(?:ERROR|WARN|INFO|DEBUG|FATAL)\\b|\\[[^\\]\\s]*\\]|\\b\\w+(?:\\.\\w+){2,}\\S*"
                    + "|\\$\\(.*?\\)|(?:^|\\s)\\$\\s");
    private static final Pattern CLAUSE_END = Pattern.compile("(?<=[.!?;:…])\\s+|\\s*\\n\\s*|,\\s+|\\s+[-–—]\\s+");
    private static final Pattern HAS_WORD = Pattern.compile("[\\p{L}\\p{N}]{2,}");
    /** Words that ask, in either language, accents off: they tell the asking clause, not the topic. */
    static final Set<String> REQUEST_WORDS = Set.of(
            "ou", "where", "wheres", "how", "comment", "who", "qui", "quel", "quelle", "quels", "quelles", "which", "what",
            "whats", "when", "quand", "combien", "many", "much", "pourquoi", "why", "lien", "link", "url", "adresse",
            "address", "page", "trouver", "find", "cherche", "looking", "voudrais", "aimerais", "souhaite", "like",
            "love", "need", "besoin", "could", "pourriez", "pouvez", "peux", "give", "donner", "send", "envoyer",
            "point", "share", "partager", "know", "savoir", "tell", "dire", "indiquer", "there", "any", "existe",
            "est", "ce", "kesako", "quoi", "koi", "c", "ya", "where's", "show", "montrer", "list", "liste");

    /** Cuts a message; a message of one clause is its own asking clause. */
    static MessageParts of(String text) {
        String words = CODE.matcher(text).replaceAll(". ");
        words = LINK.matcher(words).replaceAll(" ");
        List<String> clauses = new ArrayList<>();
        for (String clause : CLAUSE_END.split(words)) {
            String kept = LOG_WORD.matcher(clause).replaceAll(" ").trim();
            if (HAS_WORD.matcher(kept).find()) {
                clauses.add(kept);
            }
        }
        return new MessageParts(List.copyOf(clauses), asking(clauses));
    }

    private static int asking(List<String> clauses) {
        for (int i = clauses.size() - 1; i >= 0; i--) {
            if (clauses.get(i).contains("?")) {
                return i;
            }
        }
        for (int i = clauses.size() - 1; i >= 0; i--) {
            for (String word : TextNormalizer.unaccent(clauses.get(i).toLowerCase(java.util.Locale.ROOT)).split("[^\\p{L}']+")) {
                if (REQUEST_WORDS.contains(word)) {
                    return i;
                }
            }
        }
        return Math.max(0, clauses.size() - 1);
    }

    /** The same message without the clauses at these indexes (politeness), the asking clause kept track of. */
    MessageParts without(Set<Integer> dropped) {
        List<String> kept = new ArrayList<>();
        int newAsked = -1;
        for (int i = 0; i < clauses.size(); i++) {
            if (!dropped.contains(i)) {
                if (i <= asked) {
                    newAsked = kept.size();
                }
                kept.add(clauses.get(i));
            }
        }
        return new MessageParts(List.copyOf(kept), Math.max(0, newAsked));
    }

    boolean isEmpty() {
        return clauses.isEmpty();
    }

    /** Every clause, joined. */
    String body() {
        return String.join(", ", clauses);
    }

    /** The clauses from {@code first} to the asking clause, joined. */
    String askingFrom(int first) {
        return String.join(", ", clauses.subList(first, asked + 1));
    }
}
