package ai.tock.community.channel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.BotRuntime;
import ai.tock.community.BotSettings;
import ai.tock.community.LogCapture;
import ai.tock.community.TestContent;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The real bot, its Tock engine and its user lock: three questions sent at once by one user, as a
 * fast typist or a double click does. Tock used to refuse the second and third turns the user's lock
 * and try them again half a second later.
 */
class SameUserTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // Each question and a piece of its own answer.
    private static final List<String[]> QUESTIONS = List.of(
            new String[] {"quelle est la licence de tock ?", "Apache"},
            new String[] {"où est le gitter ?", "gitter.im/tockchat/Lobby"},
            new String[] {"c'est quoi TOSIT ?", "tosit.fr"});
    private static final String TOCK_CONTROLLER = "ai.tock.bot.engine.TockConnectorController";
    private static BotRuntime bot;
    private static String base;
    private static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        logs = new LogCapture(Level.INFO);
        // Tock says at DEBUG when it finds a user locked and puts the turn off ("... locked - wait").
        ((Logger) LoggerFactory.getLogger(TOCK_CONTROLLER)).setLevel(Level.DEBUG);
        int port = TestContent.freePort();
        bot = BotRuntime.start(BotSettings.fromEnvironment(Map.of("PORT", Integer.toString(port),
                "BOT_DATA_DIR", Files.createTempDirectory("same-user").toString(), "BOT_WARMUP_SECONDS", "0",
                "BOT_RATE_PER_USER", "1000")), TestContent.load());
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        bot.close();
        logs.close();
    }

    @Test
    void three_questions_sent_at_once_are_all_answered_each_one_turn_after_the_previous() throws Exception {
        for (int i = 0; i < 30; i++) { // the turn's code compiled, as on a running bot
            ask("warm-" + i, QUESTIONS.get(i % 3)[0]).get(10, TimeUnit.SECONDS);
        }
        int trials = 5;
        long[] firstAnswer = new long[trials];
        long[] longestGap = new long[trials];
        for (int trial = 0; trial < trials; trial++) {
            String user = "typist-" + trial;
            long sent = System.nanoTime();
            List<CompletableFuture<long[]>> answers = new ArrayList<>();
            for (String[] question : QUESTIONS) {
                answers.add(ask(user, question[0]).thenApply(response -> {
                    long at = System.nanoTime();
                    assertEquals(200, response.statusCode(), response.body());
                    assertTrue(response.body().contains(question[1]), question[0] + " got " + response.body());
                    return new long[] {at};
                }));
            }
            long[] at = new long[QUESTIONS.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = answers.get(i).get(15, TimeUnit.SECONDS)[0];
            }
            Arrays.sort(at);
            firstAnswer[trial] = at[0] - sent;
            longestGap[trial] = Math.max(at[1] - at[0], at[2] - at[1]);
        }
        // Each answer comes about one turn after the previous one, as the first came one turn after the
        // questions were sent: the gaps are of the first answer's order, not Tock's 500 ms retry.
        long first = median(firstAnswer);
        long gap = median(longestGap);
        assertTrue(gap <= 5 * first, String.format("answers %.1f ms apart, the first after %.1f ms", gap / 1e6, first / 1e6));
        assertEquals(List.of(), logs.lines(Level.DEBUG, "locked - wait"), "no turn found its user locked");
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static CompletableFuture<HttpResponse<String>> ask(String user, String question) {
        String body = "{\"query\":\"" + question + "\",\"userId\":\"" + user + "\",\"locale\":\"fr\"}";
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/web")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
