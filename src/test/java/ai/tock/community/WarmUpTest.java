package ai.tock.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Start-up in two steps: answering once the models are trained, ready ({@code /readyz}) once the bot
 * has warmed up on its own questions. The warm-up is not the operators' business: not in the turn log,
 * the metrics or the unanswered questions, and no rate limit holds it back.
 */
class WarmUpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static BotRuntime bot;
    private static String base;
    private static Path dataDir;
    private static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        logs = new LogCapture(Level.INFO);
        dataDir = Files.createTempDirectory("warm-up");
        int port = TestContent.freePort();
        bot = BotRuntime.start(BotSettings.fromEnvironment(Map.of("PORT", Integer.toString(port),
                "BOT_DATA_DIR", dataDir.toString(), "BOT_WARMUP_SECONDS", "6",
                // The lowest limits: a burst of 20 per address and 5 per user, then one a minute.
                "BOT_RATE_PER_ADDRESS", "1", "BOT_RATE_PER_USER", "1")), TestContent.load());
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        bot.close();
        logs.close();
    }

    @Test
    void the_bot_answers_while_it_warms_up_and_says_ready_after() throws Exception {
        // The warm-up lasts at least 3 s: start() returned as soon as the models were trained.
        HttpResponse<String> starting = get("/readyz");
        assertEquals(503, starting.statusCode(), starting.body());
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/web"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"licence ?\",\"userId\":\"early-user\",\"locale\":\"fr\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("Apache"), answer.body());

        bot.ready().get(60, TimeUnit.SECONDS);
        assertEquals(200, get("/readyz").statusCode());

        List<String> warmedUp = logs.lines(Level.INFO, "warmed up in");
        assertEquals(1, warmedUp.size(), logs.toString());
        Matcher answered = Pattern.compile("(\\d+) questions answered").matcher(warmedUp.get(0));
        assertTrue(answered.find(), warmedUp.get(0));
        // More than the per-address burst (20) from 127.0.0.1, none refused: no rate limit held it back.
        assertTrue(Integer.parseInt(answered.group(1)) > 20, warmedUp.get(0));
        assertFalse(warmedUp.get(0).contains("failed"), warmedUp.get(0));

        // Of all those turns, only the user's is the operators' business.
        String metrics = get("/metrics").body();
        assertEquals(1.0, value(metrics, "bot_requests_total\\{channel=\"web\",?\\}"), metrics);
        assertEquals(1.0, value(metrics, "bot_web_responses_total\\{status=\"200\",?\\}"), metrics);
        assertEquals(1, logs.lines(Level.INFO, "channel=web").size(), logs.toString());
        Path unanswered = dataDir.resolve("unanswered.jsonl");
        assertTrue(!Files.exists(unanswered) || Files.readAllLines(unanswered).isEmpty(),
                "the warm-up's off-topic questions are not listed as unanswered");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
