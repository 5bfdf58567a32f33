package ai.tock.community.nlu;

import ai.tock.community.content.Content;
import ai.tock.community.content.Language;
import ai.tock.community.content.Story;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells French from English, even for messages of one or two words: a naive Bayes over words, word
 * pairs (word order: "source code" / "code source") and character trigrams, learnt from a built-in
 * list of common words and, when given, from the stories' own questions. A message made only of words
 * both languages use ("demo", "roadmap ?", "tosit") has no language of its own: with a conversation,
 * it keeps the conversation's.
 */
public final class LanguageDetector {

    private static final Pattern FRENCH_LETTERS = Pattern.compile("[éèêëàâçîïôûùœ]");
    // A message that only asks for the language of the answer: "and in English?", "en anglais stp",
    // "tu peux le dire en français ?" (accents off, lower case); not "Tock est dispo en anglais ?".
    private static final Pattern LANGUAGE_REQUEST = Pattern.compile("^\\W*(?:(?:and|et|ok|so|alors|now|maintenant)\\W+)*"
            + "(?:(?:can you|could you|would you|peux[- ]tu|tu peux|pouvez[- ]vous|vous pouvez)\\s+)?"
            + "(?:(?:say|answer|repeat|write|tell me|dire|le dire|redire|repondre|ecrire|me le dire)\\s+(?:(?:it|that|this|ca|le|la|moi)\\s+)?)?"
            + "(?:in|en)\\s+(english|anglais|french|francais)\\W*(?:(?:please|pls|plz|svp|stp|s il (?:te|vous) plait)\\W*)?$");
    private static final int LANGUAGE_REQUEST_CHARS = 60;
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+\\+?|@\\+"); // "a+" and "@+" are French goodbyes
    private static final double TRIGRAM_WEIGHT = 0.25;
    private static final double PAIR_WEIGHT = 1.0;
    // A word is shared when the rarer language uses it at least this often, relative to the other.
    private static final double SHARED_RATIO = 0.2;
    // French from this log-odds up, English below (both set on the development set).
    private static final double ENGLISH_BELOW = 0.25;
    // Within this distance of it, a message in a conversation keeps the conversation's language.
    private static final double UNSURE_WITHIN = 1.5;
    // The asking clause of a long message decides its language from this distance (more than a word or two).
    private static final double QUESTION_SURE_FROM = 3;
    private static final int QUESTION_WORDS = 4;

    // Common words of everyday chat, with the typing shortcuts people use.
    private static final String COMMON_FR = """
            le la les un une des du de et ou où est sont c'est quoi qui que quel quelle quels quelles comment
            pourquoi combien je tu il elle nous vous ils on mon ma mes ton ta tes son sa ses notre votre leur
            ce cette ces y a ai as avez avons peut peux puis veux voudrais pourrais savoir dire trouver
            bonjour salut coucou bonsoir merci au revoir bientôt oui non svp stp s'il plaît c koi kes ya
            pas plus aussi avec pour par sur dans chez trouve faire fait aide aider communauté projet
            sont-ils qu'est-ce est-ce t'es tu peux faut-il dois dit donne montre liste site lien page
            slt bjr bsr mrc pk pq jsp tkt dac a+ @+ bisous ça va
            """;
    private static final String COMMON_EN = """
            the a an of and or where is are what who which how why when can could would should i you he she
            we they my your his her our their this that these those do does did have has get find tell show
            hello hi hey thanks thank bye goodbye see please yes no not with for by on in at from about
            there here it its me list link page site community project help want need know give any some
            what's where's who's how's isn't don't can't i'm you're
            thx ty pls plz u ur wat wats cya brb lol idk gotta wanna
            """;

    private final Map<String, double[]> wordCounts = new HashMap<>();
    private final Map<String, double[]> trigramCounts = new HashMap<>();
    private final Map<String, double[]> pairCounts = new HashMap<>();
    private final double[] wordTotals = new double[2];
    private final double[] trigramTotals = new double[2];
    private final double[] pairTotals = new double[2];

    /** A detector that knows common words only. */
    public LanguageDetector() {
        this(List.of(), List.of());
    }

    /** A detector that also learns from example sentences in each language. */
    public LanguageDetector(List<String> frenchSamples, List<String> englishSamples) {
        learn(COMMON_FR, 0, 3, false); // a list of words, not a sentence: no pairs
        learn(COMMON_EN, 1, 3, false);
        frenchSamples.forEach(s -> learn(s, 0, 1, true));
        englishSamples.forEach(s -> learn(s, 1, 1, true));
    }

    /** A detector that also learns from the stories' own questions, in each language. */
    public static LanguageDetector of(Content content) {
        List<String> fr = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Story story : content.stories()) {
            fr.addAll(story.questionsIn(Language.FR));
            en.addAll(story.questionsIn(Language.EN));
        }
        return new LanguageDetector(fr, en);
    }

    /** Returns {@link Locale#FRENCH} or {@link Locale#ENGLISH}: the language asked for, if the text asks for one. */
    public Locale detect(String text) {
        Locale told = toldLanguage(text);
        if (told != null) {
            return told;
        }
        return frenchness(text) >= ENGLISH_BELOW ? Locale.FRENCH : Locale.ENGLISH;
    }

    /** The language the text asks for ("in English please"), else that of its asking clause; null when neither tells. */
    private Locale toldLanguage(String text) {
        Locale asked = askedLanguage(text);
        return asked != null ? asked : questionLanguage(text);
    }

    /**
     * In a message of several clauses, the language of the clause that asks, when it clearly has one:
     * "Je bosse chez un assureur à Lyon depuis deux ans, where is the roadmap?" is asked in English.
     * Null when the message is one clause or its asking clause does not tell.
     */
    private Locale questionLanguage(String text) {
        if (text == null) {
            return null;
        }
        MessageParts parts = MessageParts.of(text);
        if (parts.clauses().size() < 2) {
            return null;
        }
        String asking = parts.clauses().get(parts.asked());
        if (asking.trim().split("\\s+").length < QUESTION_WORDS) {
            return null; // "…, un trophée de l'innovation, you know ?": a tag, not the question
        }
        double score = frenchness(asking);
        if (Math.abs(score - ENGLISH_BELOW) < QUESTION_SURE_FROM || !hasOneLanguageWord(asking)) {
            return null;
        }
        return score >= ENGLISH_BELOW ? Locale.FRENCH : Locale.ENGLISH;
    }

    /**
     * Like {@link #detect(String)}, but keeps {@code whenUnsure} (the language of the user's last
     * question) when the text says little either way, or has no word of one language only: "demo" or
     * "roadmap ?" in a French conversation.
     */
    public Locale detect(String text, Locale whenUnsure) {
        Locale told = toldLanguage(text);
        if (told != null) {
            return told;
        }
        double score = frenchness(text);
        if (Math.abs(score - ENGLISH_BELOW) < UNSURE_WITHIN || !hasOneLanguageWord(text)) {
            return whenUnsure;
        }
        return score >= ENGLISH_BELOW ? Locale.FRENCH : Locale.ENGLISH;
    }

    /** Whether a short message asks for an answer in a language: "and in English?", "en français stp". */
    public static boolean asksForLanguage(String text) {
        return askedLanguage(text) != null;
    }

    /** The language a short message asks the answer in, or null: "and in English?" wants English, so does "en anglais ?". */
    private static Locale askedLanguage(String text) {
        if (text == null || text.length() > LANGUAGE_REQUEST_CHARS) {
            return null;
        }
        var m = LANGUAGE_REQUEST.matcher(TextNormalizer.unaccent(text.toLowerCase(Locale.ROOT)).replace('\'', ' '));
        if (!m.find()) {
            return null;
        }
        String language = m.group(1);
        return language.startsWith("fr") ? Locale.FRENCH : Locale.ENGLISH;
    }

    /** Log-odds of French over English: above 0 leans French. */
    double frenchness(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        double frMinusEn = FRENCH_LETTERS.matcher(lower).find() ? 2.0 : 0.0;
        var words = WORD.matcher(lower);
        String previous = null;
        while (words.find()) {
            String word = words.group();
            String plain = TextNormalizer.unaccent(word);
            frMinusEn += logRatio(wordCounts, wordTotals, word);
            if (previous != null) {
                frMinusEn += PAIR_WEIGHT * logRatio(pairCounts, pairTotals, previous + ' ' + plain);
            }
            previous = plain;
            String padded = " " + plain + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                frMinusEn += TRIGRAM_WEIGHT * logRatio(trigramCounts, trigramTotals, padded.substring(i, i + 3));
            }
        }
        return frMinusEn;
    }

    /**
     * True when a word of the text belongs to one language: an accent, or a known word the other
     * language rarely uses. Names, loanwords and unknown words belong to neither.
     */
    private boolean hasOneLanguageWord(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (FRENCH_LETTERS.matcher(lower).find()) {
            return true;
        }
        var words = WORD.matcher(lower);
        while (words.find()) {
            double[] c = wordCounts.get(words.group());
            if (c != null) {
                double fr = c[0] / wordTotals[0];
                double en = c[1] / wordTotals[1];
                if (Math.min(fr, en) < SHARED_RATIO * Math.max(fr, en)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void learn(String text, int language, double weight, boolean withPairs) {
        var words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        String previous = null;
        while (words.find()) {
            String word = words.group();
            String plain = TextNormalizer.unaccent(word);
            wordCounts.computeIfAbsent(word, k -> new double[2])[language] += weight;
            wordTotals[language] += weight;
            if (withPairs && previous != null) {
                pairCounts.computeIfAbsent(previous + ' ' + plain, k -> new double[2])[language] += weight;
                pairTotals[language] += weight;
            }
            previous = plain;
            String padded = " " + plain + " ";
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
}
