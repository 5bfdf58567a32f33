package ai.tock.community.content;

import java.util.List;
import java.util.Map;

/** One story file of {@code stories/}, exactly as written (see stories/README.md). */
public record StoryFile(
        String intent,
        StoryKind kind,
        String section,
        Localized title,
        Map<String, List<String>> questions,
        Localized answer,
        List<String> related,
        Map<String, List<String>> terms) {

    public List<String> questionsIn(Language language) {
        return questions == null ? List.of() : questions.getOrDefault(language.code(), List.of());
    }

    public List<String> termsIn(Language language) {
        return terms == null ? List.of() : terms.getOrDefault(language.code(), List.of());
    }
}
