package ai.tock.community.nlu;

/**
 * Where the classifier draws its lines, on the combined score (0 to 1).
 *
 * @param answer  at or above: answer with confidence
 * @param margin  the best intent must lead the second by this much to be answered
 * @param suggest at or above (and below answer): "did you mean…?"
 */
public record Thresholds(double answer, double margin, double suggest) {

    /** Set from the development set's figures (see DevelopmentSetTest). */
    public static Thresholds defaults() {
        return new Thresholds(0.45, 0.08, 0.28);
    }
}
