package ai.tock.community.nlu;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells French from English, even for messages of one or two words: a naive Bayes over words and
 * character trigrams, learnt from a built-in list of common words and, when given, from the
 * stories' own questions. When nothing tells them apart, French wins: it is the page's language.
 */
public final class LanguageDetector {

    private static final Pattern FRENCH_LETTERS = Pattern.compile("[éèêëàâçîïôûùœ]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final double TRIGRAM_WEIGHT = 0.25;
    // Loanwords ("roadmap", "release notes") lean English in the samples; English needs clear evidence.
    private static final double ENGLISH_BELOW = 0.25;
    private static final double UNSURE_WITHIN = 1.5;

    // Common words of everyday chat, with the typing shortcuts people use.
    private static final String COMMON_FR = """
            le la les un une des du de et ou où est sont c'est quoi qui que quel quelle quels quelles comment
            pourquoi combien je tu il elle nous vous ils on mon ma mes ton ta tes son sa ses notre votre leur
            ce cette ces y a ai as avez avons peut peux puis veux voudrais pourrais savoir dire trouver
            bonjour salut coucou bonsoir merci au revoir bientôt oui non svp stp s'il plaît c koi kes ya
            pas plus aussi avec pour par sur dans chez trouve faire fait aide aider communauté projet
            sont-ils qu'est-ce est-ce t'es tu peux faut-il dois dit donne montre liste site lien page
            """;
    private static final String COMMON_EN = """
            the a an of and or where is are what who which how why when can could would should i you he she
            we they my your his her our their this that these those do does did have has get find tell show
            hello hi hey thanks thank bye goodbye see please yes no not with for by on in at from about
            there here it its me list link page site community project help want need know give any some
            what's where's who's how's isn't don't can't i'm you're
            """;

    private final Map<String, double[]> wordCounts = new HashMap<>();
    private final Map<String, double[]> trigramCounts = new HashMap<>();
    private final double[] wordTotals = new double[2];
    private final double[] trigramTotals = new double[2];

    /** A detector that knows common words only. */
    public LanguageDetector() {
        this(List.of(), List.of());
    }

    /** A detector that also learns from example sentences in each language. */
    public LanguageDetector(List<String> frenchSamples, List<String> englishSamples) {
        learn(COMMON_FR, 0, 3);
        learn(COMMON_EN, 1, 3);
        frenchSamples.forEach(s -> learn(s, 0, 1));
        englishSamples.forEach(s -> learn(s, 1, 1));
    }

    /** Returns {@link Locale#FRENCH} or {@link Locale#ENGLISH}. */
    public Locale detect(String text) {
        return frenchness(text) >= ENGLISH_BELOW ? Locale.FRENCH : Locale.ENGLISH;
    }

    /**
     * Like {@link #detect(String)}, but keeps {@code whenUnsure} (the language of the user's last
     * question) when the text says little either way: "demo" or "roadmap ?" in a French conversation.
     */
    public Locale detect(String text, Locale whenUnsure) {
        double score = frenchness(text);
        if (Math.abs(score - ENGLISH_BELOW) < UNSURE_WITHIN) {
            return whenUnsure;
        }
        return score >= ENGLISH_BELOW ? Locale.FRENCH : Locale.ENGLISH;
    }

    /** Log-odds of French over English: above 0 leans French. */
    double frenchness(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        double frMinusEn = FRENCH_LETTERS.matcher(lower).find() ? 2.0 : 0.0;
        var words = WORD.matcher(lower);
        while (words.find()) {
            String word = words.group();
            frMinusEn += logRatio(wordCounts, wordTotals, word);
            String padded = " " + unaccent(word) + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                frMinusEn += TRIGRAM_WEIGHT * logRatio(trigramCounts, trigramTotals, padded.substring(i, i + 3));
            }
        }
        return frMinusEn;
    }

    private void learn(String text, int language, double weight) {
        var words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            String word = words.group();
            wordCounts.computeIfAbsent(word, k -> new double[2])[language] += weight;
            wordTotals[language] += weight;
            String padded = " " + unaccent(word) + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                trigramCounts.computeIfAbsent(padded.substring(i, i + 3), k -> new double[2])[language] += weight;
                trigramTotals[language] += weight;
            }
        }
    }

    /** log P(feature | fr) - log P(feature | en), smoothed; 0 for a feature never seen. */
    private static double logRatio(Map<String, double[]> counts, double[] totals, String feature) {
        double[] c = counts.get(feature);
        if (c == null) {
            return 0;
        }
        double alpha = 0.5;
        double vocabulary = counts.size();
        double fr = (c[0] + alpha) / (totals[0] + alpha * vocabulary);
        double en = (c[1] + alpha) / (totals[1] + alpha * vocabulary);
        return Math.log(fr / en);
    }

    private static String unaccent(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }
}
