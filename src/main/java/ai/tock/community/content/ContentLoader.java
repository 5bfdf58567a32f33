package ai.tock.community.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ai.tock.community.shared.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code stories/}: the page and one JSON file per story. Refuses content that would make the
 * bot give a wrong or broken answer, naming the file and the problem.
 */
public final class ContentLoader {

    public static final String PAGE_FILE = "community.fr.md";
    public static final int MIN_QUESTIONS_FR = 10;
    public static final int MIN_QUESTIONS_EN = 8;
    /** A term is a word or a short phrase ("award-winning", "présenter sur scène"), not a sentence. */
    public static final int MAX_TERM_WORDS = 4;

    // Unknown fields fail: a misspelt field name would otherwise silently lose content.
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public Content load(Path storiesDir) {
        if (!Files.isDirectory(storiesDir) || !Files.isReadable(storiesDir)) {
            throw new ContentException(storiesDir + ": not a readable folder of stories");
        }
        CommunityPage page = CommunityPage.parse(read(storiesDir.resolve(PAGE_FILE)));
        List<Story> stories = new ArrayList<>();
        for (Path file : storyFiles(storiesDir)) {
            stories.add(check(file, parse(file), page));
        }
        checkWhole(storiesDir, stories);
        return Content.of(page, stories);
    }

    private List<Path> storyFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new ContentException(dir + ": cannot list the stories (" + e.getMessage() + ")", e);
        }
    }

    private StoryFile parse(Path file) {
        try {
            StoryFile story = json.readValue(read(file), StoryFile.class);
            if (story == null) {
                throw new ContentException(file + ": empty story file");
            }
            return story;
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            String line = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new ContentException(file + ": invalid story JSON" + line + ": " + e.getOriginalMessage(), e);
        }
    }

    private Story check(Path file, StoryFile s, CommunityPage page) {
        String name = file.getFileName().toString();
        require(s.intent() != null && s.intent().matches("[a-z][a-z0-9_]*"), file, "'intent' must be lower case letters, digits and _");
        require(name.equals(s.intent() + ".json"), file, "the file must be named " + s.intent() + ".json");
        require(s.kind() != null, file, "'kind' is missing");
        require(s.title() != null && notBlank(s.title().fr()) && notBlank(s.title().en()), file, "'title' needs fr and en");
        require(s.answer() != null && notBlank(s.answer().fr()) && notBlank(s.answer().en()), file, "'answer' needs fr and en");
        if (s.kind() == StoryKind.TOPIC) {
            require(notBlank(s.section()), file, "a topic needs the 'section' of the page it answers from");
            require(page.hasSection(s.section()), file, "section '" + s.section() + "' is not in the page");
        }
        if (s.kind().learnt()) {
            require(s.questionsIn(Language.FR).size() >= MIN_QUESTIONS_FR, file, "needs at least " + MIN_QUESTIONS_FR + " French questions");
            require(s.questionsIn(Language.EN).size() >= MIN_QUESTIONS_EN, file, "needs at least " + MIN_QUESTIONS_EN + " English questions");
        }
        checkTerms(file, s);
        AnswerTemplate.Rendered fr;
        AnswerTemplate.Rendered en;
        try {
            fr = AnswerTemplate.render(s.answer().fr(), page);
            en = AnswerTemplate.render(s.answer().en(), page);
        } catch (ContentException e) {
            throw new ContentException(file + ": story '" + s.intent() + "': " + e.getMessage(), e);
        }
        List<PageLink> links = new ArrayList<>(fr.links());
        en.links().stream().filter(l -> !links.contains(l)).forEach(links::add);
        // A topic's answer ends with its source, so every channel that gives the answer cites it.
        Source source = s.kind() == StoryKind.TOPIC ? Source.of(s.section(), page) : null;
        Localized answer = source == null ? new Localized(fr.html(), en.html())
                : new Localized(fr.html() + "<br>" + source.html(Language.FR), en.html() + "<br>" + source.html(Language.EN));
        return new Story(s.intent(), s.kind(), s.section(), s.title(),
                List.copyOf(s.questionsIn(Language.FR)), List.copyOf(s.questionsIn(Language.EN)),
                answer, List.copyOf(links),
                s.related() == null ? List.of() : List.copyOf(s.related()), source,
                List.copyOf(s.termsIn(Language.FR)), List.copyOf(s.termsIn(Language.EN)));
    }

    /**
     * Terms are optional; when a story has them: only a story the classifier learns, both languages,
     * each a word or a short phrase of letters, none twice in a language (same plain form: case, accents
     * and punctuation aside). That no other story claims them is checked in {@link #checkWhole}.
     */
    private void checkTerms(Path file, StoryFile s) {
        if (s.terms() == null) {
            return;
        }
        require(s.kind().learnt(), file, "'terms' are for stories the bot learns (topic, smalltalk, menu, off_topic_examples)");
        for (String language : s.terms().keySet()) {
            require(language.equals("fr") || language.equals("en"), file, "'terms' has a language other than fr and en: '" + language + "'");
        }
        require(!s.termsIn(Language.FR).isEmpty() && !s.termsIn(Language.EN).isEmpty(), file,
                "'terms' needs at least one term in fr and in en");
        for (Language language : Language.values()) {
            Set<String> seen = new HashSet<>(); // the same word may be a term in both languages ("roadmap")
            for (String term : s.termsIn(language)) {
                String plain = term == null ? "" : Texts.plain(term);
                require(!plain.isEmpty(), file, "term '" + term + "' has no letter or digit");
                require(term.trim().split("\\s+").length <= MAX_TERM_WORDS, file,
                        "term '" + term + "' is longer than " + MAX_TERM_WORDS + " words: a term is a word or a short phrase");
                require(seen.add(plain), file, "term '" + term + "' is there twice in " + language.code());
            }
        }
    }

    private void checkWhole(Path dir, List<Story> stories) {
        Set<String> intents = new HashSet<>();
        stories.forEach(s -> intents.add(s.intent()));
        // A term names one topic: claimed by two stories, it would tell neither apart.
        Map<String, String> termOwner = new HashMap<>();
        for (Story s : stories) {
            for (Language language : Language.values()) {
                for (String term : s.termsIn(language)) {
                    String owner = termOwner.putIfAbsent(Texts.plain(term), s.intent());
                    require(owner == null || owner.equals(s.intent()), dir.resolve(s.intent() + ".json"),
                            "term '" + term + "' is also a term of story '" + owner + "'");
                }
            }
        }
        for (Story s : stories) {
            for (String r : s.related()) {
                require(intents.contains(r), dir.resolve(s.intent() + ".json"), "related intent '" + r + "' has no story");
            }
        }
        for (StoryKind needed : List.of(StoryKind.OFF_TOPIC, StoryKind.MENU, StoryKind.UNSURE, StoryKind.NOT_ON_PAGE, StoryKind.FEEDBACK)) {
            long count = stories.stream().filter(s -> s.kind() == needed).count();
            require(count == 1, dir, "needs exactly one story of kind " + needed.name().toLowerCase() + ", found " + count);
        }
        require(stories.stream().anyMatch(Story::isTopic), dir, "has no topic story");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ContentException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static void require(boolean ok, Path file, String problem) {
        if (!ok) {
            throw new ContentException(file + ": " + problem);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
