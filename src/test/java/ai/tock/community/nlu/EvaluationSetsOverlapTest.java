package ai.tock.community.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.TestContent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No evaluation message is a training question, and no two evaluation files share a message, once
 * case, accents, punctuation and spacing are put aside (the normalisation of the team's eval-overlap
 * tool). Every evaluation file under src/test/resources is checked: the development sets, and any set
 * added later (the sealed held-out set goes to src/test/resources/sealed/holdout.tsv).
 */
class EvaluationSetsOverlapTest {

    private static final Path RESOURCES = Path.of("src", "test", "resources");
    private static final Set<String> JSON_MESSAGE_KEYS = Set.of("text", "question", "query", "message");
    private static final Pattern LETTERS_OR_DIGITS = Pattern.compile("[a-z0-9]+");
    private static final Pattern MARKS = Pattern.compile("\\p{Mn}");

    @Test
    void no_evaluation_message_is_a_training_question_or_in_two_sets() throws IOException {
        Map<String, String> training = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> stories = Files.list(TestContent.STORIES)) {
            for (Path story : stories.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode questions : json.readTree(story.toFile()).path("questions")) {
                    questions.forEach(q -> training.putIfAbsent(normalized(q.asText()), story.getFileName().toString()));
                }
            }
        }
        List<String> overlaps = new ArrayList<>();
        Map<String, Path> firstFile = new HashMap<>();
        int messages = 0;
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                for (String message : messages(file, json)) {
                    String key = normalized(message);
                    if (key.isEmpty()) {
                        continue;
                    }
                    messages++;
                    if (training.containsKey(key)) {
                        overlaps.add(file + ": '" + message + "' is a training question of stories/" + training.get(key));
                    }
                    Path other = firstFile.putIfAbsent(key, file);
                    if (other != null && !other.equals(file)) {
                        overlaps.add(file + ": '" + message + "' is also in " + other);
                    }
                }
            }
        }
        assertTrue(messages > 1000, "the development sets are read: " + messages + " messages");
        // A development message met again in a set written later (the sealed held-out set) leaves the
        // development set or the stories, never the later set.
        assertEquals(List.of(), overlaps);
    }

    @Test
    void the_normalisation_puts_case_accents_punctuation_and_spacing_aside() {
        assertEquals(normalized("Où est le  Gitter ?"), normalized("ou est le gitter"));
        assertEquals("c est quoi le tosit", normalized("C'est quoi le TOSIT ?!"));
        assertEquals("qui a fonde tock 2", normalized("Qui a fondé   Tock-2"));
    }

    /** Lower case, no accents, only runs of ASCII letters and digits, joined by one space. */
    static String normalized(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)).replaceAll("");
        List<String> words = new ArrayList<>();
        Matcher m = LETTERS_OR_DIGITS.matcher(plain);
        while (m.find()) {
            words.add(m.group());
        }
        return String.join(" ", words);
    }

    /** The messages of an evaluation file: the last column of a TSV line, or the message fields of a JSON file. */
    private static List<String> messages(Path file, ObjectMapper json) throws IOException {
        String name = file.getFileName().toString();
        List<String> messages = new ArrayList<>();
        if (name.endsWith(".tsv")) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] columns = line.split("\t", -1);
                    messages.add(columns[columns.length - 1]);
                }
            }
        } else if (name.endsWith(".json")) {
            collect(json.readTree(file.toFile()), messages);
        }
        return messages;
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (JSON_MESSAGE_KEYS.contains(field.getKey()) && field.getValue().isTextual()) {
                    into.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        }
    }
}
