package ai.tock.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Follow-ups through the real server: the web's userId is the Tock user id whose last question is remembered. */
class FollowUpsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static BotRuntime bot;
    private static String base;

    @BeforeAll
    static void start() {
        bot = TestContent.startBot(Map.of());
        base = "http://127.0.0.1:" + bot.port();
    }

    @AfterAll
    static void stop() {
        bot.close();
    }

    @Test
    void a_users_follow_ups_are_about_their_last_question_in_the_language_asked() throws Exception {
        assertEquals("tosit_about", intent(ask("c'est quoi le TOSIT ?", "web-alice")));
        assertEquals("tosit_members", intent(ask("et ses membres ?", "web-alice")));
        JsonNode english = ask("and in English?", "web-alice");
        assertEquals("tosit_members", intent(english), "the last answered topic, again");
        String text = english.path("responses").get(0).path("text").asText();
        assertTrue(text.contains("members") && !text.contains("membres"), "in English: " + text);
        assertNotEquals("tosit_site", intent(ask("son site ?", "web-bob")), "another user asked nothing before");
    }

    private static String intent(JsonNode answer) {
        return answer.path("metadata").path("INTENT").asText();
    }

    private static JsonNode ask(String query, String user) throws Exception {
        String body = JSON.writeValueAsString(Map.of("query", query, "userId", user));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/web"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
