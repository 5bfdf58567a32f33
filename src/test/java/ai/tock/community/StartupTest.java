package ai.tock.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.TestContent.ChildRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot as a process: what a bad configuration and a stop request do to it. */
class StartupTest {

    @TempDir
    Path dir;

    @Test
    void an_invalid_port_stops_start_up_with_exit_code_2_naming_it() throws Exception {
        ChildRun run = run(Map.of("PORT", "eighty"));
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("PORT=eighty"), run.output());
        assertOneLineWithoutStackTrace(run);
    }

    @Test
    void an_unreadable_stories_folder_stops_start_up_naming_it() throws Exception {
        ChildRun run = run(Map.of("BOT_STORIES_DIR", dir.resolve("nowhere").toString()));
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("nowhere"), run.output());
        assertOneLineWithoutStackTrace(run);
    }

    @Test
    void a_story_with_a_syntax_error_stops_start_up_naming_the_file() throws Exception {
        Path stories = copyOfStories();
        Files.writeString(stories.resolve("demo.json"), "{ \"intent\": \"demo\", ");
        ChildRun run = run(Map.of("BOT_STORIES_DIR", stories.toString()));
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("demo.json"), run.output());
        assertOneLineWithoutStackTrace(run);
    }

    @Test
    void a_story_naming_a_link_the_page_lacks_stops_start_up_naming_story_and_link() throws Exception {
        Path stories = copyOfStories();
        Path page = stories.resolve("community.fr.md");
        Files.writeString(page, Files.readString(page).replace("[Roadmap]", "[Feuille de route]"));
        ChildRun run = run(Map.of("BOT_STORIES_DIR", stories.toString()));
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("roadmap.json") && run.output().contains("'Roadmap'"), run.output());
        assertOneLineWithoutStackTrace(run);
    }

    @Test
    void a_port_another_process_listens_on_stops_start_up_with_exit_code_2_naming_it() throws Exception {
        // Tock's own server says it could not listen: no probe of the port, which the other process would answer.
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("0.0.0.0"))) {
            ChildRun run = run(Map.of("PORT", Integer.toString(taken.getLocalPort())));
            assertEquals(2, run.exitCode(), run.output());
            // The content was loaded (one log line) before the port was tried: then one line names the port.
            String[] lines = run.output().strip().split("\\R");
            assertTrue(lines[lines.length - 1].startsWith("tock-community-bot cannot start:")
                    && lines[lines.length - 1].contains("port " + taken.getLocalPort()), run.output());
            assertFalse(run.output().contains("Exception") || run.output().contains("\tat "), run.output());
        }
    }

    @Test
    void a_bad_trusted_proxy_stops_start_up_with_exit_code_2_naming_it() throws Exception {
        ChildRun run = run(Map.of("BOT_TRUSTED_PROXIES", "10.0.0.0/8, nginx.internal"));
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("BOT_TRUSTED_PROXIES") && run.output().contains("nginx.internal"), run.output());
        assertOneLineWithoutStackTrace(run);
    }

    @Test
    void a_missing_hook_into_tock_is_told_in_one_line_with_exit_code_2_not_as_a_bug() {
        // The hooks are checked at start-up (TockHooksTest, ConnectionGuardTest); a missing one is the operator's to fix.
        assertTrue(Main.isConfigurationProblem(new ai.tock.community.engine.TockEngine.MissingHook("no BotRepository.getVerticle()")));
        assertFalse(Main.isConfigurationProblem(new IllegalStateException("a bug")));
    }

    @Test
    void a_stop_request_lets_the_bot_exit_0_within_5_seconds() throws Exception {
        int port = TestContent.freePort();
        Path output = dir.resolve("bot.log");
        Process bot = TestContent.mainProcess(Map.of("PORT", Integer.toString(port), "BOT_DATA_DIR", dir.toString()), output)
                .start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            boolean ready = false;
            for (int i = 0; i < 300 && !ready && bot.isAlive(); i++) {
                try {
                    ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertTrue(ready, "the bot never became ready: " + printed(output));
            bot.destroy(); // SIGTERM
            assertTrue(bot.waitFor(5, TimeUnit.SECONDS), "still running 5 s after SIGTERM");
            assertEquals(0, bot.exitValue(), printed(output));
        } finally {
            bot.destroyForcibly(); // whatever failed, no bot outlives the test
        }
    }

    private static void assertOneLineWithoutStackTrace(ChildRun run) {
        String[] lines = run.output().strip().split("\\R");
        assertEquals(1, lines.length, run.output());
        assertFalse(run.output().contains("Exception") || run.output().contains("\tat "), run.output());
    }

    private Path copyOfStories() {
        return TestContent.copyOfStories(dir.resolve("stories"));
    }

    private ChildRun run(Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("BOT_DATA_DIR", dir.resolve("data").toString()));
        all.putAll(env);
        return TestContent.runMain(all);
    }

    private static String printed(Path output) throws IOException {
        return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
    }
}
