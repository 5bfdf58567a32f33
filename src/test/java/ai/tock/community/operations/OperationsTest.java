package ai.tock.community.operations;

import ai.tock.community.BotRuntime;
import ai.tock.community.BotSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.LogCapture;
import ai.tock.community.TestContent;
import ai.tock.community.content.ContentLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What maintainers rely on: live content changes, the unanswered questions, feedback, health and metrics. */
class OperationsTest {

    private static final String ADMIN_TOKEN = "admin-test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static BotRuntime bot;
    private static String base;
    private static Path stories;
    private static Path dataDir;
    private static LogCapture logs;

    @BeforeAll
    static void start() throws IOException {
        logs = new LogCapture(ch.qos.logback.classic.Level.DEBUG);
        stories = TestContent.copyOfStories(Files.createTempDirectory("ops-stories"));
        dataDir = Files.createTempDirectory("ops-data");
        int port = TestContent.freePort();
        bot = BotRuntime.start(BotSettings.fromEnvironment(Map.of("PORT", Integer.toString(port),
                "BOT_STORIES_DIR", stories.toString(), "BOT_DATA_DIR", dataDir.toString(), "ADMIN_TOKEN", ADMIN_TOKEN,
                "BOT_RATE_PER_USER", "100000", "BOT_RATE_PER_ADDRESS", "1000000", "BOT_WARMUP_SECONDS", "0")),
                new ContentLoader().load(stories));
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        bot.close();
        try {
            // Whatever the tests did, the admin token never shows in a log line.
            assertFalse(logs.toString().contains(ADMIN_TOKEN), "the admin token appears in the log");
            assertTrue(logs.toString().contains("outcome="), "the turns were logged");
        } finally {
            logs.close();
        }
    }

    @Test
    void an_edited_story_answers_differently_without_a_restart() throws Exception {
        Path licence = stories.resolve("licence.json");
        var story = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(licence.toFile());
        var answer = (com.fasterxml.jackson.databind.node.ObjectNode) story.get("answer");
        answer.put("fr", "[Nouvelle réponse] " + answer.get("fr").asText());
        Files.writeString(licence, JSON.writeValueAsString(story));
        assertTrue(eventually(() -> answer("quelle est la licence de tock ?", "fr-reload").contains("[Nouvelle réponse]")),
                "the edited answer serves");
        assertTrue(bot.knowledge().version() >= 2);
    }

    @Test
    void a_new_story_file_is_learnt_and_a_broken_one_keeps_the_previous_content() throws Exception {
        Files.writeString(stories.resolve("mascot.json"), """
                {"intent": "mascot", "kind": "topic", "section": "Communauté Tock",
                 "title": {"fr": "Mascotte", "en": "Mascot"},
                 "questions": {"fr": ["quelle est la mascotte de tock", "la mascotte", "tock a une mascotte ?", "mascotte tock",
                                      "c'est quoi la mascotte", "il y a une mascotte", "montre la mascotte", "mascote",
                                      "qui est la mascotte du projet", "parle moi de la mascotte"],
                               "en": ["what is tock's mascot", "the mascot", "does tock have a mascot", "tock mascot",
                                      "show me the mascot", "mascott", "who is the project's mascot", "tell me about the mascot"]},
                 "answer": {"fr": "Pas de mascotte, mais une [[Communauté Tock sur Gitter|communauté]] !",
                            "en": "No mascot, but a [[Communauté Tock sur Gitter|community]]!"}}
                """);
        assertTrue(eventually(() -> answer("does tock have a mascot", "en-mascot").contains("No mascot")), "the new story answers");
        int version = bot.knowledge().version();

        // The version is checked once the watcher has refused the file: before that, an unchanged version proves nothing.
        long refused = refusalsOfMascot();
        Files.writeString(stories.resolve("mascot.json"), "{ \"intent\": \"mascot\", ");
        assertTrue(eventually(() -> refusalsOfMascot() > refused), "the watcher reports the broken file: " + logs);
        assertEquals(version, bot.knowledge().version(), "a broken file is not loaded");
        assertTrue(answer("does tock have a mascot", "en-mascot-2").contains("No mascot"), "the previous content still serves");
        Files.delete(stories.resolve("mascot.json"));
    }

    @Test
    void unanswered_questions_are_listed_grouped_for_the_admin_only() throws Exception {
        answer("quel temps fait-il à Paris ?", "weather-1");
        answer("quel temps fait il a paris", "weather-2");
        answer("raconte moi une blague", "joke-1");
        HttpResponse<String> anonymous = get("/admin/unanswered", null);
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> wrong = get("/admin/unanswered", "Bearer nope");
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> admin = get("/admin/unanswered", "Bearer " + ADMIN_TOKEN);
        assertEquals(200, admin.statusCode(), admin.body());
        JsonNode groups = JSON.readTree(admin.body()).path("unanswered");
        JsonNode weather = null;
        for (JsonNode g : groups) {
            if (g.path("wordings").toString().contains("temps")) {
                weather = g;
            }
        }
        assertTrue(weather != null, admin.body());
        assertEquals(2, weather.path("count").asInt(), "two wordings of one question make one group");
        assertEquals(2, weather.path("languages").path("fr").asInt());
        assertTrue(groups.get(0).path("count").asInt() >= groups.get(groups.size() - 1).path("count").asInt(), "most frequent first");
    }

    @Test
    void a_thumbs_down_is_recorded_with_its_topic_and_listed() throws Exception {
        JsonNode reply = ask("{\"query\":\"where is the roadmap?\",\"userId\":\"voter\",\"locale\":\"en\"}");
        String payload = null;
        for (JsonNode button : reply.path("responses").get(0).path("buttons")) {
            if (button.path("title").asText().startsWith("👎")) {
                payload = button.path("payload").asText();
            }
        }
        assertTrue(payload != null && !payload.isEmpty(), reply.toString());
        JsonNode thanks = ask(JSON.writeValueAsString(Map.of("payload", payload, "userId", "voter", "locale", "en")));
        assertTrue(thanks.path("responses").get(0).path("text").asText().contains("feedback"), thanks.toString());
        JsonNode report = JSON.readTree(get("/admin/unanswered", "Bearer " + ADMIN_TOKEN).body());
        JsonNode disliked = report.path("mostDisliked").get(0);
        assertEquals("roadmap", disliked.path("intent").asText(), report.toString());
        assertEquals("where is the roadmap?", disliked.path("dislikedQuestions").get(0).asText());
    }

    @Test
    void the_command_line_lists_the_same_report() throws Exception {
        answer("combien font 17 fois 23", "maths-1");
        TestContent.ChildRun run = TestContent.runMain(Map.of("BOT_DATA_DIR", dataDir.toString()), "unanswered");
        String output = run.output();
        assertEquals(0, run.exitCode(), output);
        assertTrue(output.contains("\"combien font 17 fois 23\""), output);
        assertTrue(output.contains("unanswered questions in"), output);
    }

    @Test
    void health_readiness_and_metrics() throws Exception {
        answer("où est le gitter ?", "metrics-user");
        assertEquals(200, get("/healthz", null).statusCode());
        assertEquals(200, get("/readyz", null).statusCode());
        HttpResponse<String> metrics = get("/metrics", null);
        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        assertTrue(text.contains("bot_requests_total{channel=\"web\""), text);
        assertTrue(text.contains("bot_answers_total{intent=\"gitter_lobby\""), text);
        assertTrue(text.contains("bot_outcomes_total{outcome=\"answer\""), text);
        assertTrue(text.contains("bot_turn_latency_seconds_bucket"), text);
        assertTrue(text.contains("bot_content_version"), text);
        assertTrue(text.contains("bot_web_responses_total{status=\"200\""), text);
        assertFalse(text.contains(ADMIN_TOKEN));
    }

    /** WARN lines of the watcher refusing a content because of mascot.json. */
    private static long refusalsOfMascot() {
        return logs.lines(ch.qos.logback.classic.Level.WARN, "content not reloaded").stream()
                .filter(line -> line.contains("mascot.json")).count();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String answer(String question, String userId) {
        try {
            JsonNode reply = ask(JSON.writeValueAsString(Map.of("query", question, "userId", userId)));
            StringBuilder texts = new StringBuilder();
            reply.path("responses").forEach(r -> texts.append(r.path("text").asText()).append('\n'));
            return texts.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode ask(String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/web"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
