package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The classifier on questions written apart from the stories' training questions. Thresholds were
 * set on the development set; the held-out set was written separately and only ever measured.
 * Each test prints its table on every build and fails below floors set just under the measured figures.
 */
class DevelopmentSetTest {

    private static final Accuracy.Bot BOT = Accuracy.Bot.trained();

    @Test
    void development_set_figures_hold() {
        // Measured 2026-11-25: 98.2 (fr 96.7, en 99.6, typos 97.8), declined 98.9, wrong 1.2,
        // language 99.6 (short 97.8), language-neutral kept 100, the other language 95.1, two questions 77.8.
        check("devset", Accuracy.bounds(0.97, 0.96, 0.98, 0.96, 0.97, 0.02, 0.98, 0.95, 0.95, 0.92, 0.75));
    }

    @Test
    void held_out_set_figures_hold() {
        // Measured 2026-11-25 after the last change to the classifier: 96.7 (fr 95.6, en 97.8, typos 98.1),
        // declined 100, wrong 1.2, language 99.1 (short 94.3), language-neutral kept 100, the other
        // language 95.9, two questions 80.0 (of 10).
        // The classifier floors are those set when the set was first measured (commit 83475d9): not lowered since.
        check("holdout", Accuracy.bounds(0.96, 0.95, 0.96, 0.96, 0.97, 0.02, 0.98, 0.92, 0.95, 0.92, 0.80));
    }

    @Test
    void blind_language_set_figures_hold() {
        LanguageAccuracy measured = LanguageAccuracy.measure(BOT.languages(), DevelopmentSet.languageHoldout());
        String tag = "[language-holdout] ";
        System.out.printf(Locale.ROOT, "%sanswer in the language of the question %6.1f%%, one or two words %6.1f%%,"
                        + " language-neutral kept %6.1f%%, the other language answered in it %6.1f%%%n", tag,
                measured.language() * 100, measured.languageShort() * 100, measured.neutralKept() * 100, measured.switched() * 100);
        if (Boolean.getBoolean("accuracy.verbose")) {
            measured.misses().forEach(m -> System.out.println(tag + "  " + m));
        }
        // Measured 2026-11-25: 99.4, one or two words 98.9 (of 88), neutral kept 100, the other language 93.1.
        assertTrue(measured.language() >= 0.98, "language " + measured.language());
        assertTrue(measured.languageShort() >= 0.95, "one or two words " + measured.languageShort());
        assertTrue(measured.neutralKept() >= 0.95, "language-neutral kept " + measured.neutralKept());
        assertTrue(measured.switched() >= 0.90, "the other language " + measured.switched());
    }

    private static void check(String set, Accuracy floors) {
        Accuracy measured = Accuracy.measure(BOT, DevelopmentSet.load(set));
        measured.print(set, floors);
        assertEquals(List.of(), measured.shortfalls(floors));
    }
}
