package ai.tock.community.nlu;

import ai.tock.community.TestContent;
import ai.tock.community.content.Content;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The development sets of src/test/resources/dev (who wrote each, from what, and what it may be used
 * for: src/test/resources/README.md), and the bot's models trained on the project's stories.
 */
final class DevelopmentSets {

    static final Path FOLDER = Path.of("src", "test", "resources", "dev");
    static final Content CONTENT = TestContent.load();

    private DevelopmentSets() {
    }

    /** Every development set, by file name. */
    static List<EvaluationSet> all() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(f -> f.toString().endsWith(".tsv")).sorted().map(f -> EvaluationSet.read(f, CONTENT)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EvaluationSet named(String name) {
        return EvaluationSet.read(FOLDER.resolve(name + ".tsv"), CONTENT);
    }

    /** The classifier and language detector the bot trains on the project's stories. */
    static Evaluation evaluation() {
        return evaluation(Thresholds.defaults());
    }

    static Evaluation evaluation(Thresholds thresholds) {
        return new Evaluation(new IntentClassifier(CONTENT, thresholds)::classify, LanguageDetector.of(CONTENT), CONTENT);
    }
}
