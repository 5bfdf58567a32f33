package ai.tock.community.nlu;

import ai.tock.community.content.Content;
import ai.tock.community.content.Language;
import ai.tock.community.content.Story;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The terms stories say they are about ("primé", "prix", "award-winning"), found in a message. A term
 * names its topic wherever it stands in a message, however long: it counts the same after a greeting
 * and three lines of context as alone.
 */
final class TermIndex {

    /** A term as words the classifier sees: normalized, stemmed, stop words out. */
    private record Term(List<String> words, int intent) {
    }

    private final Map<String, List<Term>> byFirstWord = new HashMap<>();
    private final Set<String> words = new HashSet<>();
    private final int intentCount;

    /** @param intents the order of {@link #matches}' results; terms of other stories are left out */
    TermIndex(Content content, TextNormalizer normalizer, List<String> intents) {
        this.intentCount = intents.size();
        for (Story story : content.stories()) {
            int intent = intents.indexOf(story.intent());
            if (intent < 0) {
                continue;
            }
            for (Language language : Language.values()) {
                for (String term : story.termsIn(language)) {
                    List<String> termWords = normalizer.contentTokens(term);
                    if (!termWords.isEmpty()) {
                        byFirstWord.computeIfAbsent(termWords.get(0), w -> new ArrayList<>()).add(new Term(termWords, intent));
                        words.addAll(termWords);
                    }
                }
            }
        }
    }

    /** Every word of a term, for the spelling corrector and the known share. */
    Set<String> words() {
        return words;
    }

    /**
     * For each intent (in the constructor's order), 1 when one of its terms is in the message, else 0.
     *
     * @param meaningful the message's words, spell-corrected, stop words out ({@link TextNormalizer#meaningful})
     */
    double[] matches(List<String> meaningful) {
        double[] found = new double[intentCount];
        for (int i = 0; i < meaningful.size(); i++) {
            for (Term term : byFirstWord.getOrDefault(meaningful.get(i), List.of())) {
                if (startsAt(meaningful, i, term.words())) {
                    found[term.intent()] = 1;
                }
            }
        }
        return found;
    }

    private static boolean startsAt(List<String> words, int at, List<String> term) {
        if (at + term.size() > words.size()) {
            return false;
        }
        for (int k = 1; k < term.size(); k++) {
            if (!words.get(at + k).equals(term.get(k))) {
                return false;
            }
        }
        return true;
    }
}
