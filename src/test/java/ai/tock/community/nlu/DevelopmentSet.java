package ai.tock.community.nlu;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Questions written apart from the stories' training questions (src/test/resources/devset), to
 * measure how the bot does on wording it never saw.
 */
record DevelopmentSet(List<InScope> inScope, List<OffTopic> offTopic, List<TwoQuestions> twoQuestions) {

    record InScope(String text, String lang, String intent, boolean typo) {
    }

    record OffTopic(String text, String lang, String kind) {
    }

    record TwoQuestions(String text, String lang, List<String> intents) {
    }

    static DevelopmentSet load() {
        return load("devset");
    }

    /** @param folder {@code devset} (thresholds were set on it) or {@code holdout} (written apart, never tuned on) */
    static DevelopmentSet load(String folder) {
        return new DevelopmentSet(
                read(folder, "in-scope.json", new TypeReference<>() { }),
                read(folder, "off-topic.json", new TypeReference<>() { }),
                read(folder, "multi.json", new TypeReference<>() { }));
    }

    private static <T> T read(String folder, String name, TypeReference<T> type) {
        try (InputStream in = DevelopmentSet.class.getResourceAsStream("/" + folder + "/" + name)) {
            return new ObjectMapper().readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
