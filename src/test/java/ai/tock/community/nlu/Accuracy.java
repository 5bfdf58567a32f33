package ai.tock.community.nlu;

import ai.tock.community.TestContent;
import ai.tock.community.content.Content;
import ai.tock.community.content.Language;
import ai.tock.community.content.Story;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How well the bot understands a set of questions it was not trained on: the figures of the issue's
 * targets, the most-confused pairs, and (with -Daccuracy.verbose=true) every miss.
 */
record Accuracy(double inScope, double french, double english, double typos, double offTopicDeclined,
                double wrongConfident, double language, double languageShort, double neutralKept,
                double switched, double twoQuestions, List<String> confusions, List<String> misses) {

    /** The bot's classifier and language detector, trained on the project's stories. */
    record Bot(IntentClassifier classifier, LanguageDetector languages) {
        static Bot trained() {
            Content content = TestContent.load();
            List<String> fr = new ArrayList<>();
            List<String> en = new ArrayList<>();
            for (Story s : content.stories()) {
                fr.addAll(s.questionsIn(Language.FR));
                en.addAll(s.questionsIn(Language.EN));
            }
            return new Bot(new IntentClassifier(content, Thresholds.defaults()), new LanguageDetector(fr, en));
        }
    }

    static Accuracy measure(Bot bot, DevelopmentSet set) {
        List<String> misses = new ArrayList<>();
        Map<String, Integer> confused = new HashMap<>();
        int wrong = 0;
        Map<DevelopmentSet.InScope, Boolean> right = new HashMap<>();
        for (DevelopmentSet.InScope q : set.inScope()) {
            Classification c = bot.classifier().classify(q.text());
            boolean ok = c.outcome() == Outcome.ANSWER && c.answered().equals(List.of(q.intent()));
            right.put(q, ok);
            if (!ok) {
                String got = c.outcome().answers() ? String.join("+", c.answered()) : c.outcome().label();
                confused.merge(q.intent() + " -> " + got, 1, Integer::sum);
                misses.add("missed: " + q.text() + "  (" + q.intent() + " -> " + got + ")");
                if (c.outcome().answers()) { // a wrong topic, alone or beside the right one
                    wrong++;
                }
            }
        }
        int declined = 0;
        for (DevelopmentSet.OffTopic q : set.offTopic()) {
            Classification c = bot.classifier().classify(q.text());
            if (c.outcome() == Outcome.NOT_ON_PAGE || c.outcome() == Outcome.OFF_TOPIC) {
                declined++;
            } else {
                misses.add("not declined: " + q.text() + "  (" + c.outcome() + " " + c.answered() + ")");
                if (c.outcome().answers()) {
                    wrong++;
                }
            }
        }
        LanguageAccuracy languages = LanguageAccuracy.measure(bot.languages(), set.messages());
        misses.addAll(languages.misses());
        int both = 0;
        for (DevelopmentSet.TwoQuestions q : set.twoQuestions()) {
            Classification c = bot.classifier().classify(q.text());
            if (c.outcome() == Outcome.TWO_QUESTIONS && c.answered().containsAll(q.intents())) {
                both++;
            } else {
                misses.add("two questions: " + q.text() + "  (" + c.outcome() + " " + c.answered() + ")");
            }
        }
        List<String> confusions = confused.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
                .map(e -> String.format(Locale.ROOT, "%3d  %s", e.getValue(), e.getKey())).toList();
        return new Accuracy(share(set, right, q -> true), share(set, right, q -> q.lang().equals("fr")),
                share(set, right, q -> q.lang().equals("en")), share(set, right, DevelopmentSet.InScope::typo),
                declined / (double) set.offTopic().size(),
                wrong / (double) (set.inScope().size() + set.offTopic().size()),
                languages.language(), languages.languageShort(), languages.neutralKept(), languages.switched(), both / (double) set.twoQuestions().size(), confusions, misses);
    }

    /** Prints the figures beside their bounds, for the build log. */
    void print(String setName, Accuracy floors) {
        String tag = "[" + setName + "] ";
        System.out.println(tag + String.format(Locale.ROOT, "%-44s %7s %8s", "measure", "value", "bound"));
        row(tag, "in-scope questions, right answer", inScope, ">=", floors.inScope());
        row(tag, "  French", french, ">=", floors.french());
        row(tag, "  English", english, ">=", floors.english());
        row(tag, "  with typos or without accents", typos, ">=", floors.typos());
        row(tag, "off-topic questions declined", offTopicDeclined, ">=", floors.offTopicDeclined());
        row(tag, "wrong topic answered with confidence", wrongConfident, "<=", floors.wrongConfident());
        row(tag, "answer in the language of the question", language, ">=", floors.language());
        row(tag, "  messages of one or two words", languageShort, ">=", floors.languageShort());
        row(tag, "language-neutral, conversation's language kept", neutralKept, ">=", floors.neutralKept());
        row(tag, "  the other language, answered in it", switched, ">=", floors.switched());
        row(tag, "two questions in one message, both answered", twoQuestions, ">=", floors.twoQuestions());
        System.out.println(tag + "most confused (expected -> got):");
        confusions.forEach(c -> System.out.println(tag + "  " + c));
        if (Boolean.getBoolean("accuracy.verbose")) {
            misses.forEach(m -> System.out.println(tag + "  " + m));
        }
    }

    /** Bounds only: the lists are not compared. */
    static Accuracy bounds(double inScope, double french, double english, double typos, double offTopicDeclined,
                           double wrongConfident, double language, double languageShort, double neutralKept,
                           double switched, double twoQuestions) {
        return new Accuracy(inScope, french, english, typos, offTopicDeclined, wrongConfident, language, languageShort,
                neutralKept, switched, twoQuestions, List.of(), List.of());
    }

    /** What falls short of the bounds, one line each; empty when every figure holds. */
    List<String> shortfalls(Accuracy floors) {
        List<String> problems = new ArrayList<>();
        below(problems, "in-scope", inScope, floors.inScope());
        below(problems, "French", french, floors.french());
        below(problems, "English", english, floors.english());
        below(problems, "typos", typos, floors.typos());
        below(problems, "off-topic declined", offTopicDeclined, floors.offTopicDeclined());
        if (!(wrongConfident <= floors.wrongConfident())) { // NaN (no question of the kind) is a shortfall too
            problems.add("wrong confident " + wrongConfident + " > " + floors.wrongConfident());
        }
        below(problems, "language", language, floors.language());
        below(problems, "language of short messages", languageShort, floors.languageShort());
        below(problems, "language-neutral kept", neutralKept, floors.neutralKept());
        below(problems, "other language answered in it", switched, floors.switched());
        below(problems, "two questions", twoQuestions, floors.twoQuestions());
        return problems;
    }

    private static void below(List<String> problems, String what, double value, double floor) {
        if (!(value >= floor)) { // NaN (no question of the kind) is a shortfall too
            problems.add(what + " " + value + " < " + floor);
        }
    }

    private static void row(String tag, String measure, double value, String bound, double limit) {
        System.out.println(tag + String.format(Locale.ROOT, "%-44s %6.1f%% %3s%5.1f%%", measure, value * 100, bound, limit * 100));
    }

    private static double share(DevelopmentSet set, Map<DevelopmentSet.InScope, Boolean> right,
                                Predicate<DevelopmentSet.InScope> which) {
        List<DevelopmentSet.InScope> questions = set.inScope().stream().filter(which).toList();
        return questions.stream().filter(right::get).count() / (double) questions.size();
    }
}
