package ai.tock.community.nlu;

import ai.tock.community.content.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What people write around a question in a chat room (src/main/resources/nlu/chat-context.txt):
 * greetings, a word about themselves and their project, politeness. The classifier also learns each
 * question with some of it around, so that these words weigh for no topic and the question's own do.
 */
final class ChatContext {

    private static final String RESOURCE = "/nlu/chat-context.txt";
    private static final long SEED = 42;
    private static final double GREETING_SHARE = 0.6;
    private static final double CONTEXT_FIRST_SHARE = 0.75;
    private static final double POLITENESS_SHARE = 0.4;

    /** A sample question, as written, with its intent and language. */
    record Question(String text, String intent, Language language) {
    }

    private record Pieces(List<String> greetings, List<String> contexts, List<String> politeness) {
    }

    private final Map<Language, Pieces> byLanguage;

    private ChatContext(Map<Language, Pieces> byLanguage) {
        this.byLanguage = byLanguage;
    }

    static ChatContext load() {
        Map<Language, Pieces> pieces = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            pieces.put(language, new Pieces(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        }
        try (InputStream in = ChatContext.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                Pieces p = pieces.get(columns[0].equals("en") ? Language.EN : Language.FR);
                switch (columns[1]) {
                    case "greeting" -> p.greetings().add(columns[2]);
                    case "context" -> p.contexts().add(columns[2]);
                    case "politeness" -> p.politeness().add(columns[2]);
                    default -> throw new IllegalStateException(RESOURCE + ": unknown kind " + columns[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChatContext(pieces);
    }

    /**
     * Each question once more, with chat around it in its language: a greeting (often), a word of context
     * (always, mostly before), politeness (sometimes). The same every time (fixed seed).
     */
    List<TrainingSample> around(List<Question> questions, TextNormalizer normalizer) {
        Random random = new Random(SEED);
        List<TrainingSample> samples = new ArrayList<>();
        for (Question q : questions) {
            Pieces p = byLanguage.get(q.language());
            StringBuilder text = new StringBuilder();
            if (random.nextDouble() < GREETING_SHARE) {
                text.append(pick(p.greetings(), random)).append(", ");
            }
            // Context comes first mostly ("I work at a bank, where is…"), sometimes after the question.
            boolean contextFirst = random.nextDouble() < CONTEXT_FIRST_SHARE;
            String context = pick(p.contexts(), random);
            if (contextFirst) {
                text.append(context).append(", ");
            }
            text.append(q.text());
            if (!contextFirst) {
                text.append(" ").append(context);
            }
            if (random.nextDouble() < POLITENESS_SHARE) {
                text.append(", ").append(pick(p.politeness(), random));
            }
            samples.add(new TrainingSample(normalizer.tokens(text.toString()), q.intent()));
        }
        return samples;
    }

    private static String pick(List<String> pieces, Random random) {
        return pieces.get(random.nextInt(pieces.size()));
    }
}
