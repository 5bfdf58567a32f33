package ai.tock.community.nlu;

/**
 * Where the classifier draws its lines, on the combined score (0 to 1) and on the share of the
 * message's meaningful words the bot knows. Words it never learnt are the surest sign of a question
 * from elsewhere ("installer Tock sur Kubernetes"), so an answer needs mostly known words, or a very
 * strong score.
 *
 * @param answer           score to answer when the known share is at least {@code knownShare}
 * @param knownShare       known share needed for an ordinary answer
 * @param strongAnswer     score to answer when the known share is only at least {@code strongKnownShare}
 * @param strongKnownShare known share below which the bot neither answers nor suggests
 * @param suggest          score (below {@code answer}) to ask "did you mean…?" about a message of known words
 */
public record Thresholds(double answer, double knownShare, double strongAnswer, double strongKnownShare, double suggest) {

    /** Measured on the development set; see DevelopmentSetTest for the figures they give. */
    public static Thresholds defaults() {
        return new Thresholds(0.3, 0.55, 0.8, 0.3, 0.12);
    }
}
