package ai.tock.community.nlu;

/**
 * Where the classifier draws its lines and how it weighs its models, set by the sweep over the
 * development sets ({@code mvn -o -B -Psweep verify}, see ThresholdSweep). Scores run from 0 to about 1;
 * the known share is how many of a message's meaningful words answerable questions use. Words it never
 * learnt are the surest sign of a question from elsewhere ("installer Tock sur Kubernetes"), so an
 * answer needs mostly known words, or a very strong score.
 *
 * @param answer           score to answer when the known share is at least {@code knownShare}
 * @param knownShare       known share needed for an ordinary answer
 * @param strongAnswer     score to answer when the known share is only at least {@code strongKnownShare}
 * @param strongKnownShare known share below which the bot neither answers nor suggests
 * @param suggest          score (below {@code answer}) to ask "did you mean…?" about a message of known words
 * @param ngramWeight      weight of the nearest-sample vote over n-grams
 * @param linearWeight     weight of the softmax regression; OpenNLP's is what is left of 1
 * @param termWeight       added to a topic's score when one of its terms is in the message
 * @param askedWeight      weight of the asking clause against the whole message, in a message of several clauses
 * @param margin           how far the best intent's score must be ahead of the next one's to answer
 * @param namedKnownShare  known share needed for an ordinary answer when the message holds one of the topic's terms
 */
public record Thresholds(double answer, double knownShare, double strongAnswer, double strongKnownShare, double suggest,
                         double ngramWeight, double linearWeight, double termWeight, double askedWeight, double margin,
                         double namedKnownShare) {

    /** The sweep's choice (ThresholdSweep prints how it was made and what it gives on each development set). */
    public static Thresholds defaults() {
        return new Thresholds(0.325, 0.8, 0.75, 0.3, 0.12, 0.5, 0.35, 0.2, 0.0, 0.025, 0.0);
    }
}
