package ai.tock.community.channel.gitter;

import ai.tock.community.LogCapture;
import static ai.tock.community.channel.gitter.FakeHomeserver.LOBBY;
import static ai.tock.community.channel.gitter.FakeHomeserver.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.TestContent;
import ai.tock.community.BotRuntime;
import ai.tock.community.BotSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole bot, configured by environment, answering in a room of a fake homeserver on 127.0.0.1. */
class GitterEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ALICE = "@alice:gitter.im";
    private static FakeHomeserver homeserver;
    private static BotRuntime bot;
    private static LogCapture logs;
    private static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        logs = new LogCapture(ch.qos.logback.classic.Level.DEBUG);
        homeserver = FakeHomeserver.start();
        homeserver.displayName(ALICE, "Alice");
        String position = homeserver.currentToken();
        int port = TestContent.freePort();
        dataDir = Files.createTempDirectory("gitter-e2e");
        bot = BotRuntime.start(BotSettings.fromEnvironment(Map.of(
                "PORT", Integer.toString(port), "BOT_DATA_DIR", dataDir.toString(),
                "GITTER_TOKEN", TOKEN, "GITTER_HOMESERVER", homeserver.uri().toString())), TestContent.load());
        homeserver.awaitSyncPast(position, 0, WAIT);
    }

    @AfterAll
    static void stop() {
        bot.close();
        homeserver.close();
        logs.close();
    }

    @Test
    void a_mention_in_french_gets_a_threaded_answer_with_the_lobby_link() throws Exception {
        String question = homeserver.message(LOBBY, ALICE, "@tockbot où est le gitter ?");
        JsonNode reply = homeserver.awaitSent(1, WAIT).get(0).content();
        assertEquals("m.notice", reply.path("msgtype").asText());
        assertEquals("m.thread", reply.path("m.relates_to").path("rel_type").asText());
        assertEquals(question, reply.path("m.relates_to").path("event_id").asText());
        assertEquals(ALICE, reply.path("m.mentions").path("user_ids").get(0).asText());
        assertTrue(reply.path("formatted_body").asText().contains("href=\"https://gitter.im/tockchat/Lobby\""), reply.toString());
        assertTrue(reply.path("body").asText().contains("(https://gitter.im/tockchat/Lobby)"), reply.toString());
        assertTrue(reply.path("body").asText().contains("communauté"), "answered in French: " + reply);
        assertTrue(reply.path("body").asText().contains("Vous pouvez aussi demander"), reply.toString());
        assertFalse(logs.toString().contains(TOKEN), "the token never shows in a log");
        assertTrue(Files.readString(dataDir.resolve("gitter-sync.json")).contains("next_batch"), "the sync position is kept");

        // A 👍 on the answer is recorded as the web widget's button is, with the topic and the question.
        homeserver.react(LOBBY, ALICE, homeserver.lastEventId(LOBBY, FakeHomeserver.BOT), "👍");
        Path feedback = dataDir.resolve("feedback.jsonl");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(Files.exists(feedback) && Files.readString(feedback).contains("\"up\"")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String vote = Files.readString(feedback);
        assertTrue(vote.contains("\"up\"") && vote.contains("où est le gitter ?") && vote.contains("\"fr\""), vote);

        homeserver.message(LOBBY, "@bob:gitter.im", "tockbot: what licence is Tock under?");
        JsonNode english = homeserver.awaitSent(2, WAIT).get(1).content();
        assertTrue(english.path("body").asText().contains("Apache"), english.toString());
        assertTrue(english.path("body").asText().contains("You can also ask"), "answered in English: " + english);
    }
}
