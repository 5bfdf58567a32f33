package ai.tock.community.nlu;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where the classifier's thresholds and weights come from: a search over the development sets
 * (src/test/resources/dev) only. A coarse grid over the answer score, the known share and the margin
 * first (the others as in force), then a coordinate descent from the best point: each round tries every
 * value of each parameter in turn, the others held, and keeps the best; it stops when a round changes nothing.
 * The objective is how far the figures fall short of issue 13's targets on each set (see {@link #objective}). "Did you mean…?" (suggest) is not swept: it is neither
 * right nor wrong for the figures, and a sweep would simply turn it off.
 *
 * <p>Run: {@code mvn -o -B -Psweep verify}. It prints each round, the values found, the figures they
 * give on each set, and whether {@link Thresholds#defaults()} holds them.
 */
public final class ThresholdSweep {

    private static final double WRONG_COST = 8;
    // The answer language is the language detector's, not the classifier's: no threshold moves it.
    private static final List<String> TARGETED = List.of("inScope", "inScope.long", "unnamed", "offTopic", "wrong", "twoQuestions");
    private static final int MAX_ROUNDS = 4;
    private static final double[] GRID_ANSWER = {0.2, 0.3, 0.4, 0.5, 0.6};
    private static final double[] GRID_MARGIN = {0.0, 0.1, 0.2, 0.3};
    private static final double[] GRID_KNOWN = {0.4, 0.55, 0.7, 0.85};

    /** One value of {@link Thresholds} swept from {@code from} to {@code to}: a record component, by name. */
    private record Parameter(String name, double from, double to, double step) {

        double get(Thresholds t) {
            try {
                return (double) component().getAccessor().invoke(t);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The same thresholds with this value changed (the n-gram and linear weights kept within 1 together). */
        Thresholds set(Thresholds t, double value) {
            RecordComponent[] components = Thresholds.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    values[i] = components[i].getName().equals(name) ? value : components[i].getAccessor().invoke(t);
                    types[i] = double.class;
                }
                Thresholds changed = Thresholds.class.getDeclaredConstructor(types).newInstance(values);
                if (changed.ngramWeight() + changed.linearWeight() > 1) {
                    return name.equals("ngramWeight") ? new Parameter("linearWeight", 0, 1, 1).set(changed, 1 - value)
                            : new Parameter("ngramWeight", 0, 1, 1).set(changed, 1 - value);
                }
                return changed;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private RecordComponent component() {
            return Arrays.stream(Thresholds.class.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no threshold " + name));
        }
    }

    // "suggest" is not swept (see above).
    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("answer", 0.10, 0.60, 0.025),
            new Parameter("knownShare", 0.20, 0.90, 0.05),
            new Parameter("strongAnswer", 0.40, 1.20, 0.05),
            new Parameter("strongKnownShare", 0.0, 0.60, 0.05),
            new Parameter("ngramWeight", 0.0, 0.80, 0.05),
            new Parameter("linearWeight", 0.20, 1.0, 0.05),
            new Parameter("termWeight", 0.0, 0.80, 0.05),
            new Parameter("askedWeight", 0.0, 1.0, 0.1),
            new Parameter("margin", 0.0, 0.50, 0.025),
            new Parameter("namedKnownShare", 0.0, 0.90, 0.05));
    private static final Parameter ANSWER = PARAMETERS.get(0);
    private static final Parameter KNOWN_SHARE = PARAMETERS.get(1);
    private static final Parameter MARGIN = PARAMETERS.get(PARAMETERS.size() - 2);

    private ThresholdSweep() {
    }

    public static void main(String[] args) {
        IntentClassifier classifier = new IntentClassifier(DevelopmentSets.CONTENT, Thresholds.defaults());
        classifier.rememberScores();
        List<EvaluationSet> sets = DevelopmentSets.all();
        LanguageDetector languages = LanguageDetector.of(DevelopmentSets.CONTENT);
        Function<Thresholds, Double> objective = t -> objective(sets, new Evaluation(text -> classifier.classify(text, t),
                languages, DevelopmentSets.CONTENT));

        Thresholds inForce = Thresholds.defaults();
        double bestScore = objective.apply(inForce);
        System.out.printf(Locale.ROOT, "sweep over %s%nthe values in force: %s  objective %.4f%n",
                sets.stream().map(EvaluationSet::name).toList(), inForce, bestScore);
        // A coarse grid first over the lines that trade answers for wrong ones, so that the descent does
        // not start stuck where the values in force happen to be.
        Thresholds best = inForce;
        for (double answer : GRID_ANSWER) {
            for (double margin : GRID_MARGIN) {
                for (double known : GRID_KNOWN) {
                    Thresholds tried = MARGIN.set(KNOWN_SHARE.set(ANSWER.set(inForce, answer), known), margin);
                    double score = objective.apply(tried);
                    if (score > bestScore + 1e-9) {
                        bestScore = score;
                        best = tried;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "after the grid (answer x knownShare x margin): %s  objective %.4f%n", best, bestScore);
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            boolean changed = false;
            for (Parameter p : PARAMETERS) {
                double bestValue = p.get(best);
                for (double v = p.from(); v <= p.to() + 1e-9; v += p.step()) {
                    double value = Math.round(v * 1000) / 1000.0;
                    Thresholds tried = p.set(best, value);
                    double score = objective.apply(tried);
                    if (score > bestScore + 1e-9) {
                        bestScore = score;
                        bestValue = value;
                    }
                }
                if (bestValue != p.get(best)) {
                    best = p.set(best, bestValue);
                    changed = true;
                }
                System.out.printf(Locale.ROOT, "round %d  %-17s %.3f  objective %.4f%n", round, p.name(), bestValue, bestScore);
            }
            if (!changed) {
                break;
            }
        }
        System.out.printf(Locale.ROOT, "%nfound: %s%n", best);
        Thresholds found = best;
        for (EvaluationSet set : sets) {
            Evaluation.Report report = new Evaluation(text -> classifier.classify(text, found), languages,
                    DevelopmentSets.CONTENT).run(set);
            String text = report.asText();
            System.out.print(text.substring(0, text.indexOf("spread\n")));
        }
        System.out.println(found.equals(inForce) ? "Thresholds.defaults() holds these values."
                : "Thresholds.defaults() differs: " + Thresholds.defaults());
    }

    /**
     * How far each set falls short of issue 13's targets, summed over the figures that have one and a
     * message in the set, negated (higher is better); the sets count the same. A floor's shortfall is how
     * far the figure is under it; the confidently wrong share's, how far it is over its ceiling, times
     * {@link #WRONG_COST}. Figures already past their target add nothing: the search spends the room
     * they leave on those that are not.
     */
    static double objective(List<EvaluationSet> sets, Evaluation evaluation) {
        double total = 0;
        for (EvaluationSet set : sets) {
            for (Evaluation.Figure f : evaluation.run(set).targets()) {
                if (f.of() == 0 || !TARGETED.contains(f.key())) {
                    continue;
                }
                double shortfall = f.atMost() ? WRONG_COST * (f.value() - f.target()) : f.target() - f.value();
                total -= Math.max(0, shortfall);
            }
        }
        return total / sets.size();
    }
}
