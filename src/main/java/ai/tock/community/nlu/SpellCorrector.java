package ai.tock.community.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a mistyped word back to the bot's vocabulary: "gittr" becomes "gitter", "contributers"
 * "contributors". A word is corrected only to a known word one edit away (two for long words), so
 * words the bot never learnt ("kubernetes") stay unknown, which is what tells off-topic questions apart.
 */
final class SpellCorrector {

    private static final int MIN_LENGTH = 4;

    private final Map<String, Integer> frequency;
    private final Map<Integer, List<String>> byLength = new HashMap<>();

    SpellCorrector(Map<String, Integer> frequency) {
        this.frequency = Map.copyOf(frequency);
        frequency.keySet().forEach(w -> byLength.computeIfAbsent(w.length(), k -> new ArrayList<>()).add(w));
    }

    boolean knows(String word) {
        return frequency.containsKey(word);
    }

    /** The word itself when known, too short or a number; else the closest known word, if close enough. */
    String correct(String word) {
        if (word.length() < MIN_LENGTH || frequency.containsKey(word) || word.chars().anyMatch(Character::isDigit)) {
            return word;
        }
        int allowed = word.length() >= 7 ? 2 : 1;
        String best = word;
        int bestDistance = allowed + 1;
        int bestFrequency = 0;
        for (int length = word.length() - allowed; length <= word.length() + allowed; length++) {
            for (String candidate : byLength.getOrDefault(length, List.of())) {
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
