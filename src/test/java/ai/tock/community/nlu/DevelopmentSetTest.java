package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bot on its development sets (src/test/resources/dev): every build prints each set's figures
 * (with -Daccuracy.verbose=true, every miss too) and fails when one falls under its floor. The floors
 * sit under the figures measured on the date given, with a margin; these are development figures, not
 * held-out ones (see src/test/resources/README.md).
 */
class DevelopmentSetTest {

    private static final Evaluation EVALUATION = DevelopmentSets.evaluation();

    @Test
    void chat_set_figures_hold() {
        // First measured 2026-12-01: in-scope 76.9, 12+ words 64.8, unnamed 54.4, off-topic declined 86.1, wrong 8.7,
        // two questions 68.0, language 99.7. Measured 2026-12-01 at the end of issue 13's work: in-scope 90.0,
        // 12+ words 90.1, unnamed 85.7 (of 70, two-question messages counted since), off-topic declined 94.9, wrong 3.6,
        // two questions 92.0 (of 25), language 99.7.
        // Retrained with five other seeds (same thresholds): in-scope 88.6-90.4, unnamed 85.3-86.8, wrong 3.3-3.6.
        check("chat", Map.of("inScope", 0.89, "inScope.long", 0.88, "unnamed", 0.83, "offTopic", 0.91, "wrong", 0.045,
                "twoQuestions", 0.80, "language", 0.98));
    }

    @Test
    void devset_figures_hold() {
        // Measured 2026-12-01 without the messages that were training questions: in-scope 97.4, off-topic declined 98.8,
        // wrong 2.0, two questions 77.8, language 99.8 (after the other language 96.8), language-neutral kept 100.
        // At the end of issue 13's work: in-scope 95.2, off-topic declined 98.8, wrong 2.2, two questions 100 (of 15),
        // language 99.5 (after the other language 96.8).
        // French 93.2, English 97.1, typos 96.2.
        check("devset", Map.ofEntries(Map.entry("inScope", 0.94), Map.entry("inScope.fr", 0.91), Map.entry("inScope.en", 0.95),
                Map.entry("inScope.typo", 0.94), Map.entry("offTopic", 0.94), Map.entry("wrong", 0.03),
                Map.entry("twoQuestions", 0.86), Map.entry("language", 0.98), Map.entry("language.afterOther", 0.94),
                Map.entry("neutral.fr", 0.95), Map.entry("neutral.en", 0.95)));
    }

    @Test
    void former_holdout_figures_hold() {
        // Measured 2026-12-01 without the messages that were training questions or in another set: in-scope 95.3,
        // 12+ words 85.4, off-topic declined 100, wrong 1.7, two questions 88.9 (of 9), language 99.1 (after the other
        // language 97.8). At the end of issue 13's work: in-scope 94.2, 12+ words 89.6, off-topic declined 100,
        // wrong 1.7, two questions 100 (of 7), language 99.1.
        // French 90.0, English 97.8, typos 94.3.
        check("former-holdout", Map.ofEntries(Map.entry("inScope", 0.93), Map.entry("inScope.fr", 0.88),
                Map.entry("inScope.en", 0.95), Map.entry("inScope.typo", 0.92), Map.entry("inScope.long", 0.85),
                Map.entry("offTopic", 0.95), Map.entry("wrong", 0.03), Map.entry("twoQuestions", 0.85), Map.entry("language", 0.97),
                Map.entry("language.afterOther", 0.95)));
    }

    @Test
    void former_language_set_figures_hold() {
        // Measured 2026-12-01 without the messages that were training questions or in another set: language 99.0
        // (1-3 words 97.8, after the other language 94.9), language-neutral kept 100; in-scope 86.8, off-topic
        // declined 87.1, wrong 7.5 (topics labelled that day). At the end of issue 13's work: in-scope 88.2 (chat
        // fillers such as "top", "brb" or "@+" not learnt), off-topic declined 87.1, wrong 6.5, language 99.0.
        check("former-language", Map.of("language", 0.97, "language.short", 0.95, "language.afterOther", 0.92,
                "neutral.fr", 0.95, "neutral.en", 0.95, "inScope", 0.82, "offTopic", 0.80, "wrong", 0.085));
    }

    /** @param bounds a floor for each figure key, a ceiling for the "wrong" ones */
    private static void check(String set, Map<String, Double> bounds) {
        Evaluation.Report report = EVALUATION.run(DevelopmentSets.named(set));
        String text = report.asText();
        System.out.print(Boolean.getBoolean("accuracy.verbose") ? text : text.substring(0, text.indexOf("misses (")));
        List<String> shortfalls = new ArrayList<>();
        bounds.forEach((key, bound) -> {
            Evaluation.Figure figure = report.figure(key);
            boolean ceiling = key.startsWith("wrong");
            if (!(ceiling ? figure.value() <= bound : figure.value() >= bound)) { // NaN fails too
                shortfalls.add(String.format(Locale.ROOT, "%s %s: %.3f %s %.3f", set, key, figure.value(), ceiling ? ">" : "<", bound));
            }
        });
        assertEquals(List.of(), shortfalls);
    }
}
