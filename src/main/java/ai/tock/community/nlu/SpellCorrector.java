package ai.tock.community.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a mistyped word back to the bot's vocabulary: "gittr" becomes "gitter", "contributers"
 * "contributors". A word is corrected only to a known word one edit away (two for long words), so
 * words the bot never learnt ("kubernetes") stay unknown, which is what tells off-topic questions apart.
 * Candidates come from an index of the words with one or two letters deleted (as SymSpell does):
 * a lookup costs a few dozen hash probes, not a pass over the vocabulary.
 */
final class SpellCorrector {

    private static final int MIN_LENGTH = 4;
    private static final int MAX_EDITS = 2;

    private final Map<String, Integer> frequency;
    private final Map<String, List<String>> wordsByDeletion = new HashMap<>();

    SpellCorrector(Map<String, Integer> frequency) {
        this.frequency = Map.copyOf(frequency);
        for (String word : frequency.keySet()) {
            for (String deleted : deletions(word, MAX_EDITS)) {
                wordsByDeletion.computeIfAbsent(deleted, k -> new ArrayList<>(2)).add(word);
            }
        }
    }

    /**
     * The word itself when known, too short or a number; else the closest known word, if close enough.
     * A word of three letters is only put back when two of its letters are swapped ("yuo", "teh"): any
     * other edit of so short a word makes another word.
     */
    String correct(String word) {
        if (word.length() == MIN_LENGTH - 1 && !frequency.containsKey(word)) {
            return swapped(word);
        }
        if (word.length() < MIN_LENGTH || frequency.containsKey(word) || word.chars().anyMatch(Character::isDigit)) {
            return word;
        }
        int allowed = word.length() >= 7 ? 2 : 1;
        String best = word;
        int bestDistance = allowed + 1;
        int bestFrequency = 0;
        Set<String> seen = new HashSet<>();
        for (String deleted : deletions(word, allowed)) {
            for (String candidate : wordsByDeletion.getOrDefault(deleted, List.of())) {
                if (!seen.add(candidate)) {
                    continue;
                }
                int distance = distance(word, candidate, allowed);
                int count = frequency.get(candidate);
                if (distance < bestDistance || (distance == bestDistance && count > bestFrequency)) {
                    best = candidate;
                    bestDistance = distance;
                    bestFrequency = count;
                }
            }
        }
        return bestDistance <= allowed ? best : word;
    }

    /** The most frequent known word made by swapping two neighbouring letters, or the word itself. */
    private String swapped(String word) {
        String best = word;
        int bestFrequency = 0;
        for (int i = 0; i + 1 < word.length(); i++) {
            char[] letters = word.toCharArray();
            char first = letters[i];
            letters[i] = letters[i + 1];
            letters[i + 1] = first;
            String candidate = new String(letters);
            int count = frequency.getOrDefault(candidate, 0);
            if (count > bestFrequency) {
                best = candidate;
                bestFrequency = count;
            }
        }
        return best;
    }

    /** The word and every string made by deleting up to {@code edits} of its letters. */
    private static Set<String> deletions(String word, int edits) {
        Set<String> result = new HashSet<>();
        result.add(word);
        Set<String> frontier = Set.of(word);
        for (int e = 0; e < edits; e++) {
            Set<String> next = new HashSet<>();
            for (String w : frontier) {
                for (int i = 0; i < w.length(); i++) {
                    next.add(w.substring(0, i) + w.substring(i + 1));
                }
            }
            result.addAll(next);
            frontier = next;
        }
        return result;
    }

    /** Optimal string alignment distance (insert, delete, substitute, swap), stopping early past the limit. */
    static int distance(String a, String b, int limit) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }
}
