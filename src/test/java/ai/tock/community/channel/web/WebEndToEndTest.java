package ai.tock.community.channel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.TestContent;
import ai.tock.community.BotRuntime;
import ai.tock.community.BotSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real server on a free loopback port, spoken to as the widget does. */
class WebEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static BotRuntime bot;
    private static String base;
    private static Path dataDir;

    @BeforeAll
    static void start() throws IOException {
        int port = TestContent.freePort();
        dataDir = Files.createTempDirectory("bot-data");
        BotSettings settings = BotSettings.fromEnvironment(Map.of(
                "PORT", Integer.toString(port), "BOT_DATA_DIR", dataDir.toString(),
                "BOT_ALLOWED_ORIGINS", "https://tock.example", "BOT_RATE_PER_USER", "30", "BOT_WARMUP_SECONDS", "0"));
        bot = BotRuntime.start(settings, TestContent.load());
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        bot.close();
    }

    @Test
    void a_french_question_gets_the_lobby_link_in_french() throws Exception {
        JsonNode answer = ask("{\"query\":\"où est le gitter ?\",\"userId\":\"fr-user\",\"locale\":\"fr\"}");
        String text = answer.path("responses").get(0).path("text").asText();
        assertTrue(text.contains("https://gitter.im/tockchat/Lobby"), text);
        assertTrue(text.contains("communauté"), text);
        assertEquals("gitter_lobby", answer.path("metadata").path("INTENT").asText());
    }

    @Test
    void an_english_question_without_locale_gets_an_english_answer() throws Exception {
        JsonNode answer = ask("{\"query\":\"what is TOSIT?\",\"userId\":\"en-user\"}");
        JsonNode first = answer.path("responses").get(0);
        String text = first.path("text").asText();
        assertTrue(text.contains("The Open Source I Trust") && text.contains("association"), text);
        assertTrue(text.contains("http://tosit.fr/"), text);
        assertTrue(first.path("buttons").size() > 0, "related topics come as quick replies");
        assertEquals("quick_reply", first.path("buttons").get(0).path("type").asText());
    }

    @Test
    void a_message_that_does_not_tell_its_language_keeps_the_conversations() throws Exception {
        ask("{\"query\":\"where can I find the Tock sources?\",\"userId\":\"context-user\"}");
        String text = ask("{\"query\":\"demo\",\"userId\":\"context-user\"}").path("responses").get(0).path("text").asText();
        assertTrue(text.contains("demo") && !text.contains("démo"), "answered in English: " + text);
    }

    @Test
    void a_first_message_that_does_not_tell_its_language_takes_the_browsers() throws Exception {
        String english = answerText("{\"query\":\"roadmap\",\"userId\":\"browser-en\"}", "de-DE,en-GB;q=0.8,fr;q=0.5");
        assertTrue(english.contains("next milestones"), "answered in English: " + english);
        String french = answerText("{\"query\":\"roadmap\",\"userId\":\"browser-fr\"}", "en;q=0.7,fr-CA");
        assertTrue(french.contains("prochaines étapes"), "answered in French: " + french);
        String neither = answerText("{\"query\":\"roadmap\",\"userId\":\"browser-de\"}", "de-DE");
        assertTrue(neither.contains("prochaines étapes"), "the page's French when the browser prefers neither: " + neither);
    }

    @Test
    void the_licence_is_apache_2_in_english() throws Exception {
        String text = ask("{\"query\":\"what licence is Tock under?\",\"userId\":\"lic-user\"}")
                .path("responses").get(0).path("text").asText();
        assertTrue(text.contains("Apache") && text.contains("LICENSE"), text);
    }

    @Test
    void a_clicked_quick_reply_title_lands_on_its_story() throws Exception {
        JsonNode answer = ask("{\"query\":\"Gitter Lobby\",\"userId\":\"qr-user\",\"locale\":\"en\"}");
        assertEquals("gitter_lobby", answer.path("metadata").path("INTENT").asText());
    }

    @Test
    void the_chat_page_loads_tocks_widget_under_a_strict_policy() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/tock-react-kit.js") && page.body().contains("/chat.js"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        HttpResponse<String> widget = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/tock-react-kit.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, widget.statusCode(), "the Maven build puts the widget bundle in the jar");
        assertTrue(widget.body().contains("renderChat"));
        HttpResponse<String> script = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/chat.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(script.body().contains("openingMessage") && script.body().contains("data-locale"), "the page starts the widget with a greeting and a language switch");
    }

    @Test
    void health_says_ready() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
    }

    @Test
    void the_admin_routes_are_off_without_an_admin_token() throws Exception {
        HttpResponse<String> admin = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/unanswered"))
                .header("Authorization", "Bearer anything").build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(admin, 404, "ADMIN_TOKEN");
    }

    @Test
    void bad_requests_get_a_4xx_with_a_json_reason() throws Exception {
        assertRefused(post("{not json", "application/json"), 400, "not valid JSON");
        assertRefused(post("{\"query\":\"hello\"}", "application/json"), 400, "userId");
        assertRefused(post("{\"query\":\"hello\",\"userId\":\"  \"}", "application/json"), 400, "userId");
        assertRefused(post("{\"query\":42,\"userId\":\"u\"}", "application/json"), 400, "'query' must be a string");
        assertRefused(post("{\"query\":\"hello\",\"userId\":\"u\"}", "text/plain"), 415, "application/json");
        assertRefused(post("{\"query\":\"" + "a".repeat(20_000) + "\",\"userId\":\"u\"}", "application/json"), 413, "larger");
        assertRefused(post("{\"query\":\"" + "a".repeat(1_001) + "\",\"userId\":\"u\"}", "application/json"), 400, "1000");
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/web")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(get, 405, "POST");
        HttpResponse<String> badUtf8 = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/web"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{'{', '"', 'q', (byte) 0xC3, (byte) 0x28, '"', '}'}))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(badUtf8, 400, "UTF-8");
    }

    @Test
    void unknown_fields_are_ignored() throws Exception {
        JsonNode answer = ask("{\"query\":\"licence ?\",\"userId\":\"x-user\",\"locale\":\"fr\",\"colour\":\"blue\"}");
        // The question is still understood: the licence topic answers, in French.
        assertEquals("licence", answer.path("metadata").path("INTENT").asText(), answer.toString());
        String text = answer.path("responses").get(0).path("text").asText();
        assertTrue(text.contains("sous licence Apache"), text);
    }

    @Test
    void only_the_pages_own_origin_and_the_configured_ones_may_call() throws Exception {
        HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/web"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(foreign, 403, "evil.example");
        HttpResponse<String> configured = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/web"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://tock.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, configured.statusCode());
        assertEquals("https://tock.example", configured.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        HttpResponse<String> own = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/web"))
                .header("Content-Type", "application/json").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"demo\",\"userId\":\"origin-user\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, own.statusCode(), own.body());
        assertEquals(base, own.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    @Test
    void a_user_asking_too_fast_is_told_when_to_retry() throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 12 && (last == null || last.statusCode() != 429); i++) {
            last = post("{\"query\":\"licence\",\"userId\":\"hasty-user\"}", "application/json");
        }
        assertRefused(last, 429, "too many requests");
        assertTrue(Long.parseLong(last.headers().firstValue("Retry-After").orElse("0")) >= 1);
        JsonNode other = ask("{\"query\":\"licence\",\"userId\":\"patient-user\"}");
        assertFalse(other.path("responses").isEmpty(), "another user is not held back");
    }

    @Test
    void html_in_a_question_is_never_sent_back() throws Exception {
        for (String attack : new String[]{"<script>alert(1)</script>", "<img src=x onerror=alert(1)> gitter"}) {
            String body = JSON.writeValueAsString(Map.of("query", attack, "userId", "xss-user-" + attack.length()));
            HttpResponse<String> response = post(body, "application/json");
            assertEquals(200, response.statusCode(), response.body());
            assertFalse(response.body().contains("<script") || response.body().contains("onerror"), response.body());
        }
    }

    private static void assertRefused(HttpResponse<String> response, int status, String reason) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        String error = JSON.readTree(response.body()).path("error").asText();
        assertTrue(error.contains(reason), error);
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
    }

    private static JsonNode ask(String body) throws Exception {
        HttpResponse<String> response = post(body, "application/json");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String answerText(String body, String acceptLanguage) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/web"))
                .header("Content-Type", "application/json").header("Accept-Language", acceptLanguage)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("responses").get(0).path("text").asText();
    }

    private static HttpResponse<String> post(String body, String contentType) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/web"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
