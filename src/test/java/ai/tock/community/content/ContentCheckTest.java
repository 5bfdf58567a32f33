package ai.tock.community.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.TestContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCheckTest {

    private static final Set<String> PAGE_TOPICS = Set.of(
            "gitter_lobby", "gitter_news", "news", "showcase", "talks", "awards", "release_notes", "roadmap",
            "sources", "licence", "issues", "contributors", "contribute", "why_tock", "tosit_about",
            "tosit_founders", "tosit_members", "tosit_working_group", "tosit_site", "demo", "demo_host",
            "first_bot_guide", "contact");

    // The ids doc.tock.ai gives the page's headings (Python-Markdown's table of contents, which MkDocs uses).
    private static final Map<String, String> PUBLISHED_ANCHORS = Map.of(
            "Communauté Tock", "communaute-tock",
            "Rejoindre la communauté (Gitter)", "rejoindre-la-communaute-gitter",
            "Suivre l'actualité de la plateforme", "suivre-lactualite-de-la-plateforme",
            "Code & Contribution (GitHub)", "code-contribution-github",
            "Association TOSIT", "association-tosit",
            "Hébergement de la Démo publique", "hebergement-de-la-demo-publique",
            "Aide", "aide");

    private final Content content = TestContent.load();

    @Test
    void the_project_keeps_the_same_page_as_the_seed() throws IOException {
        Path seed = Path.of("../shared/seed/community.fr.md");
        // Outside this workplace there is no seed: the test reports itself skipped, not passed.
        Assumptions.assumeTrue(Files.exists(seed), "no seed at " + seed);
        assertEquals(Files.readString(seed), Files.readString(TestContent.STORIES.resolve(ContentLoader.PAGE_FILE)));
    }

    @Test
    void every_topic_of_the_page_has_a_story() {
        Set<String> topics = content.topics().stream().map(Story::intent).collect(Collectors.toSet());
        assertEquals(PAGE_TOPICS, topics);
        for (String smallTalk : List.of("greetings", "thanks", "goodbye")) {
            assertTrue(content.story(smallTalk).isPresent(), smallTalk);
        }
        assertEquals("capabilities", content.only(StoryKind.MENU).intent());
    }

    @Test
    void every_story_speaks_both_languages_with_enough_questions() {
        for (Story story : content.stories()) {
            assertFalse(story.answerIn(Locale.FRENCH).isBlank(), story.intent());
            assertFalse(story.answerIn(Locale.ENGLISH).isBlank(), story.intent());
            if (story.kind() == StoryKind.TOPIC || story.kind() == StoryKind.SMALLTALK) {
                assertTrue(story.questionsFr().size() >= 10, story.intent() + " French questions");
                assertTrue(story.questionsEn().size() >= 8, story.intent() + " English questions");
            }
        }
    }

    @Test
    void every_link_of_an_answer_is_a_link_of_the_page() {
        Set<String> pageUrls = content.page().links().stream().map(PageLink::url).collect(Collectors.toSet());
        for (Story story : content.topics()) {
            assertFalse(story.links().isEmpty(), story.intent() + " gives no link");
            for (PageLink link : story.links()) {
                assertTrue(pageUrls.contains(link.url()), story.intent() + " " + link);
                assertTrue(story.answerIn(Locale.FRENCH).contains("href=\"" + link.url() + "\"")
                        && story.answerIn(Locale.ENGLISH).contains("href=\"" + link.url() + "\""), story.intent() + " " + link);
            }
        }
    }

    @Test
    void every_topic_answer_ends_with_its_source_linked_to_the_published_section() {
        for (Story story : content.topics()) {
            String url = "https://doc.tock.ai/tock/fr/about/community/#" + PUBLISHED_ANCHORS.get(story.section());
            String section = story.section().replace("&", "&amp;").replace("'", "&#39;");
            String link = "<a href=\"" + url + "\" target=\"_blank\" rel=\"noopener\">";
            String fr = story.answerIn(Locale.FRENCH);
            String en = story.answerIn(Locale.ENGLISH);
            assertTrue(fr.endsWith("<br>Source\u00a0: " + link + "page Communauté, section «\u00a0" + section + "\u00a0»</a>"), fr);
            assertTrue(en.endsWith("<br>Source: " + link + "Community page, section \u201c" + section + "\u201d</a>"), en);
            assertEquals(1, fr.split("<br>Source", -1).length - 1, "one source line: " + fr);
        }
        for (Story story : content.stories()) {
            if (!story.isTopic()) {
                assertFalse(story.answerIn(Locale.FRENCH).contains("<br>Source"), story.intent() + " is not from a section");
            }
        }
    }

    @Test
    void relative_links_become_doc_tock_ai_pages() {
        Set<String> urls = content.page().links().stream().map(PageLink::url).collect(Collectors.toSet());
        assertTrue(urls.contains("https://doc.tock.ai/tock/fr/about/why/"));
        assertTrue(urls.contains("https://doc.tock.ai/tock/fr/about/contribute/"));
        assertTrue(urls.contains("https://doc.tock.ai/tock/fr/about/contact/"));
        assertTrue(content.story("contribute").orElseThrow().answerIn(Locale.ENGLISH)
                .contains("https://doc.tock.ai/tock/fr/about/contribute/"));
    }

    @Test
    void a_changed_link_in_the_page_changes_the_answer(@TempDir Path dir) throws IOException {
        TestContent.copyOfStories(dir);
        Path page = dir.resolve(ContentLoader.PAGE_FILE);
        Files.writeString(page, Files.readString(page).replace("https://gitter.im/tockchat/Lobby", "https://example.org/new-lobby"));
        Content changed = new ContentLoader().load(dir);
        String answer = changed.story("gitter_lobby").orElseThrow().answerIn(Locale.FRENCH);
        assertTrue(answer.contains("https://example.org/new-lobby"), answer);
        assertFalse(answer.contains("gitter.im/tockchat/Lobby"), answer);
    }

    @Test
    void a_story_naming_a_link_the_page_lacks_is_refused_by_name(@TempDir Path dir) throws IOException {
        TestContent.copyOfStories(dir);
        Path licence = dir.resolve("licence.json");
        Files.writeString(licence, Files.readString(licence).replace("[[Licence", "[[Licence perdue"));
        ContentException e = assertThrows(ContentException.class, () -> new ContentLoader().load(dir));
        assertTrue(e.getMessage().contains("licence.json"), e.getMessage());
        assertTrue(e.getMessage().contains("Licence perdue"), e.getMessage());
    }

    @Test
    void a_story_naming_a_section_the_page_lacks_is_refused_by_name(@TempDir Path dir) throws IOException {
        TestContent.copyOfStories(dir);
        Path demo = dir.resolve("demo.json");
        Files.writeString(demo, Files.readString(demo).replace("Hébergement de la Démo publique", "Démo disparue"));
        ContentException e = assertThrows(ContentException.class, () -> new ContentLoader().load(dir));
        assertTrue(e.getMessage().contains("demo.json") && e.getMessage().contains("Démo disparue"), e.getMessage());
    }

    @Test
    void a_story_file_with_a_syntax_error_is_refused_with_its_line(@TempDir Path dir) throws IOException {
        TestContent.copyOfStories(dir);
        Files.writeString(dir.resolve("roadmap.json"), "{\n  \"intent\": \"roadmap\",\n  \"kind\": \n}");
        ContentException e = assertThrows(ContentException.class, () -> new ContentLoader().load(dir));
        assertTrue(e.getMessage().contains("roadmap.json") && e.getMessage().contains("line 4"), e.getMessage());
    }

    @Test
    void user_facing_text_is_escaped_in_answers() {
        String answer = content.story("gitter_lobby").orElseThrow().answerIn(Locale.FRENCH);
        assertFalse(answer.contains("'"), "apostrophes are escaped for HTML: " + answer);
    }

    @Test
    void the_issues_words_are_terms_of_their_topics_in_both_languages() {
        // Issue 13's examples of words people use, each declared by the topic it names.
        assertTrue(content.story("awards").orElseThrow().termsIn(Language.FR).containsAll(List.of("primé", "prix")));
        assertTrue(content.story("awards").orElseThrow().termsIn(Language.EN).contains("award-winning"));
        assertTrue(content.story("talks").orElseThrow().termsIn(Language.FR).containsAll(List.of("sur scène", "vidéos")));
        assertTrue(content.story("contributors").orElseThrow().termsIn(Language.FR).contains("commité"));
        assertTrue(content.story("gitter_news").orElseThrow().termsIn(Language.FR).contains("prévenu"));
        for (Story story : content.stories()) {
            assertEquals(story.termsIn(Language.FR).isEmpty(), story.termsIn(Language.EN).isEmpty(), story.intent() + ": both languages or none");
        }
    }

    @Test
    void a_term_claimed_by_two_stories_is_refused_naming_both(@TempDir Path dir) throws IOException {
        TestContent.copyOfStories(dir);
        Path talks = dir.resolve("talks.json");
        // "Primé" is "primé" once case and accents are put aside: awards' term.
        Files.writeString(talks, Files.readString(talks).replace("\"sur scène\"", "\"Primé\""));
        assertRefused(dir, "talks.json: term 'Primé' is also a term of story 'awards'");
    }

    @Test
    void terms_in_one_language_only_are_refused(@TempDir Path dir) throws IOException {
        TestContent.copyOfStories(dir);
        writeTerms(dir.resolve("roadmap.json"), "{\"fr\": [\"feuille de route\"], \"en\": []}");
        assertRefused(dir, "roadmap.json: 'terms' needs at least one term in fr and in en");
    }

    @Test
    void a_term_twice_in_a_language_a_sentence_or_an_empty_term_is_refused(@TempDir Path dir) throws IOException {
        TestContent.copyOfStories(dir);
        Path roadmap = dir.resolve("roadmap.json");
        writeTerms(roadmap, "{\"fr\": [\"jalons\", \"Jalons !\"], \"en\": [\"milestones\"]}");
        assertRefused(dir, "term 'Jalons !' is there twice in fr");
        writeTerms(roadmap, "{\"fr\": [\"jalons\"], \"en\": [\"what is planned for the next year\"]}");
        assertRefused(dir, "longer than 4 words");
        writeTerms(roadmap, "{\"fr\": [\"jalons\", \"?!\"], \"en\": [\"milestones\"]}");
        assertRefused(dir, "term '?!' has no letter or digit");
        // The same word in both languages is one term, not two.
        writeTerms(roadmap, "{\"fr\": [\"roadmap\"], \"en\": [\"roadmap\"]}");
        new ContentLoader().load(dir);
    }

    @Test
    void terms_on_a_story_the_bot_does_not_learn_are_refused(@TempDir Path dir) throws IOException {
        TestContent.copyOfStories(dir);
        writeTerms(dir.resolve("unsure.json"), "{\"fr\": [\"hésitation\"], \"en\": [\"hesitation\"]}");
        assertRefused(dir, "'terms' are for stories the bot learns");
    }

    private static void assertRefused(Path dir, String problem) {
        ContentException e = assertThrows(ContentException.class, () -> new ContentLoader().load(dir));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    /** Replaces a story file's terms (or adds them), keeping the rest of the file. */
    private static void writeTerms(Path story, String termsJson) throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(story.toFile());
        node.set("terms", json.readTree(termsJson));
        Files.writeString(story, json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }
}
