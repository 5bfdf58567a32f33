package ai.tock.community.nlu;

import ai.tock.community.content.Content;
import ai.tock.community.content.Story;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Questions with what the bot should do with them, read from the evaluation file format (TSV, UTF-8;
 * described in the README): {@code expected <TAB> language <TAB> tags <TAB> message}, one message a
 * line, {@code #} comments and blank lines ignored.
 *
 * @param name     where the messages come from (a file name), for reports
 * @param messages in file order
 */
public record EvaluationSet(String name, List<Message> messages) {

    /** The expected value of a message the bot should decline. */
    public static final String OFF_TOPIC = "off-topic";

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    /** What a message is marked with, besides its expectation. */
    public enum Tag {
        /** Typos, chat spelling, or no accents. */
        TYPO,
        /** Describes the need without naming the topic. */
        UNNAMED,
        /** Off-topic, but about Tock or chatbots: a question the page does not answer. */
        NEAR;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One message of a set.
     *
     * @param line     its line in the file, from 1
     * @param topics   the topics it asks, in order: one, two (both must be answered), or none (off-topic)
     * @param language the language it is written in; empty when nothing in it belongs to one language only
     */
    public record Message(int line, List<String> topics, Optional<Locale> language, Set<Tag> tags, String text) {

        public boolean offTopic() {
            return topics.isEmpty();
        }

        public boolean twoQuestions() {
            return topics.size() == 2;
        }

        public boolean inScope() {
            return topics.size() == 1;
        }

        public boolean has(Tag tag) {
            return tags.contains(tag);
        }

        /** Words as a reader counts them: whitespace-separated pieces with a letter or a digit. */
        public int words() {
            return (int) Arrays.stream(text.trim().split("\\s+")).filter(w -> WORD.matcher(w).find()).count();
        }

        /** The expected column as written: a topic, two joined by {@code +}, or {@code off-topic}. */
        public String expected() {
            return offTopic() ? OFF_TOPIC : String.join("+", topics);
        }
    }

    /** A file that is not in the format: the message names the file, the line and the problem, on one line. */
    public static final class InvalidSet extends RuntimeException {
        public InvalidSet(String message) {
            super(message);
        }
    }

    /**
     * Reads a file in the evaluation format.
     *
     * @param topics the topics the bot answers: an expectation naming another one is a mistake of the file
     * @throws InvalidSet naming the file, the line and the problem
     */
    public static EvaluationSet read(Path file, Set<String> topics) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidSet(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(file.toString(), bytes, topics);
    }

    /** Like {@link #read}, the topics being those the content answers (topics, small talk, the menu). */
    public static EvaluationSet read(Path file, Content content) {
        return read(file, content.stories().stream().filter(s -> s.kind().answered()).map(Story::intent)
                .collect(Collectors.toSet()));
    }

    /** Like {@link #read}, from the bytes of a file named {@code name}. */
    public static EvaluationSet parse(String name, byte[] bytes, Set<String> topics) {
        String[] lines = decode(name, bytes).split("\n", -1);
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            messages.add(message(name, i + 1, line, topics));
        }
        if (messages.isEmpty()) {
            throw new InvalidSet(name + ": no message (expected lines of 'expected<TAB>language<TAB>tags<TAB>message')");
        }
        return new EvaluationSet(name, List.copyOf(messages));
    }

    private static Message message(String name, int number, String line, Set<String> knownTopics) {
        String where = name + ":" + number + ": ";
        String[] columns = line.split("\t", -1);
        if (columns.length != 4) {
            throw new InvalidSet(where + "expected 4 columns separated by a TAB (expected, language, tags, message), found "
                    + columns.length);
        }
        String text = columns[3];
        if (text.isBlank()) {
            throw new InvalidSet(where + "the message is empty");
        }
        List<String> topics = topics(where, columns[0].trim(), knownTopics);
        Optional<Locale> language = switch (columns[1].trim()) {
            case "fr" -> Optional.of(Locale.FRENCH);
            case "en" -> Optional.of(Locale.ENGLISH);
            case "-" -> Optional.empty();
            default -> throw new InvalidSet(where + "language '" + columns[1] + "' is not fr, en or -");
        };
        Set<Tag> tags = tags(where, columns[2].trim());
        if (tags.contains(Tag.NEAR) && !topics.isEmpty()) {
            throw new InvalidSet(where + "the tag 'near' is for off-topic messages only");
        }
        return new Message(number, topics, language, Set.copyOf(tags), text);
    }

    private static List<String> topics(String where, String expected, Set<String> knownTopics) {
        if (expected.equals(OFF_TOPIC)) {
            return List.of();
        }
        String[] parts = expected.split("\\+", -1);
        if (parts.length > 2) {
            throw new InvalidSet(where + "'" + expected + "' names more than two topics");
        }
        for (String topic : parts) {
            if (!knownTopics.contains(topic)) {
                throw new InvalidSet(where + "'" + topic + "' is not a topic of the bot (expected a topic id, "
                        + OFF_TOPIC + ", or two topics joined by +)");
            }
        }
        if (parts.length == 2 && parts[0].equals(parts[1])) {
            throw new InvalidSet(where + "'" + expected + "' names the same topic twice");
        }
        return List.of(parts);
    }

    private static Set<Tag> tags(String where, String column) {
        Set<Tag> tags = EnumSet.noneOf(Tag.class);
        if (column.equals("-")) {
            return tags;
        }
        for (String label : column.split(",", -1)) {
            Tag tag = Arrays.stream(Tag.values()).filter(t -> t.label().equals(label.trim())).findFirst()
                    .orElseThrow(() -> new InvalidSet(where + "unknown tag '" + label + "' (expected typo, unnamed, near, or -)"));
            tags.add(tag);
        }
        return tags;
    }

    /** The text, or the line of the first byte that is not UTF-8. */
    private static String decode(String name, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            for (int start = 0, i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    try {
                        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(bytes, start, i - start));
                    } catch (CharacterCodingException bad) {
                        break;
                    }
                    start = i + 1;
                    line++;
                }
            }
            throw new InvalidSet(name + ":" + line + ": not valid UTF-8");
        }
    }
}
