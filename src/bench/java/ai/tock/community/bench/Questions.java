package ai.tock.community.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** The sample questions of stories/*.json, in both languages, shuffled with a fixed seed. */
final class Questions {

    /** One question and the language it is written in. */
    record Question(String text, String locale) {
    }

    private Questions() {
    }

    static List<Question> load(Path storiesDir) {
        ObjectMapper json = new ObjectMapper();
        List<Question> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(storiesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode questions = json.readTree(file.toFile()).path("questions");
                for (Iterator<Map.Entry<String, JsonNode>> it = questions.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> language = it.next();
                    language.getValue().forEach(q -> all.add(new Question(q.asText(), language.getKey())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no question in " + storiesDir.toAbsolutePath());
        }
        Collections.shuffle(all, new Random(42));
        return List.copyOf(all);
    }
}
