package ai.tock.community.nlu;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Questions written apart from the stories' training questions (src/test/resources/devset), to
 * measure how the bot does on wording it never saw.
 */
record DevelopmentSet(List<InScope> inScope, List<OffTopic> offTopic, List<TwoQuestions> twoQuestions) {

    /**
     * @param languageNeutral true when nothing in the text belongs to one language only (see the README of
     *                        src/test/resources): "demo", "roadmap ?", "tosit", an emoji. Such a message
     *                        has no language of its own; the bot keeps the conversation's.
     */
    record InScope(String text, String lang, String intent, boolean typo, boolean languageNeutral) {
    }

    record OffTopic(String text, String lang, String kind, boolean languageNeutral) {
    }

    /** A message and its language, from any of the sets. */
    record Message(String text, String lang, boolean languageNeutral) {
    }

    /** The in-scope and off-topic messages, for the language figures. */
    List<Message> messages() {
        List<Message> all = new ArrayList<>();
        inScope.forEach(q -> all.add(new Message(q.text(), q.lang(), q.languageNeutral())));
        offTopic.forEach(q -> all.add(new Message(q.text(), q.lang(), q.languageNeutral())));
        return all;
    }

    /**
     * Messages for the language figures only (src/test/resources/language-holdout), written blind
     * after the language detector's last change and measured, never tuned on.
     */
    static List<Message> languageHoldout() {
        return read("language-holdout", "messages.json", new TypeReference<>() { });
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
