package ai.tock.community.nlu;

/**
 * Where the classifier draws its lines.
 *
 * @param answer      combined score at or above which the bot answers
 * @param margin      lead the best intent needs over the second to be answered
 * @param suggest     combined score at or above which (below answer) the bot asks "did you mean…?"
 * @param minCoverage share of the message's meaningful words the bot must know to answer or suggest
 */
public record Thresholds(double answer, double margin, double suggest, double minCoverage) {

    /** Set from the development set's figures (see DevelopmentSetTest). */
    public static Thresholds defaults() {
        return new Thresholds(0.45, 0.08, 0.28, 0.5);
    }
}
