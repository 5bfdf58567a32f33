package ai.tock.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot as a process: what a bad configuration and a stop request do to it. */
class StartupTest {

    private record Run(int exitCode, String output) {
    }

    @TempDir
    Path dir;

    @Test
    void an_invalid_port_stops_start_up_with_exit_code_2_naming_it() throws Exception {
        Run run = run(Map.of("PORT", "eighty"));
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("PORT=eighty"), run.output());
        assertOneLineWithoutStackTrace(run);
    }

    @Test
    void an_unreadable_stories_folder_stops_start_up_naming_it() throws Exception {
        Run run = run(Map.of("BOT_STORIES_DIR", dir.resolve("nowhere").toString()));
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("nowhere"), run.output());
        assertOneLineWithoutStackTrace(run);
    }

    @Test
    void a_story_with_a_syntax_error_stops_start_up_naming_the_file() throws Exception {
        Path stories = copyOfStories();
        Files.writeString(stories.resolve("demo.json"), "{ \"intent\": \"demo\", ");
        Run run = run(Map.of("BOT_STORIES_DIR", stories.toString()));
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("demo.json"), run.output());
        assertOneLineWithoutStackTrace(run);
    }

    @Test
    void a_story_naming_a_link_the_page_lacks_stops_start_up_naming_story_and_link() throws Exception {
        Path stories = copyOfStories();
        Path page = stories.resolve("community.fr.md");
        Files.writeString(page, Files.readString(page).replace("[Roadmap]", "[Feuille de route]"));
        Run run = run(Map.of("BOT_STORIES_DIR", stories.toString()));
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("roadmap.json") && run.output().contains("'Roadmap'"), run.output());
        assertOneLineWithoutStackTrace(run);
    }

    @Test
    void a_stop_request_lets_the_bot_exit_0_within_5_seconds() throws Exception {
        int port = TestContent.freePort();
        Process bot = start(Map.of("PORT", Integer.toString(port), "BOT_DATA_DIR", dir.toString()));
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(bot));
        HttpClient http = HttpClient.newHttpClient();
        boolean ready = false;
        for (int i = 0; i < 300 && !ready && bot.isAlive(); i++) {
            try {
                ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        assertTrue(ready, "the bot never became ready");
        bot.destroy(); // SIGTERM
        assertTrue(bot.waitFor(5, TimeUnit.SECONDS), "still running 5 s after SIGTERM");
        assertEquals(0, bot.exitValue(), output.get(5, TimeUnit.SECONDS));
    }

    private static void assertOneLineWithoutStackTrace(Run run) {
        String[] lines = run.output().strip().split("\\R");
        assertEquals(1, lines.length, run.output());
        assertFalse(run.output().contains("Exception") || run.output().contains("\tat "), run.output());
    }

    private Path copyOfStories() {
        return TestContent.copyOfStories(dir.resolve("stories"));
    }

    private Run run(Map<String, String> env) throws Exception {
        Process process = start(env);
        String output = readAll(process);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Run(process.exitValue(), output);
    }

    private Process start(Map<String, String> env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("BOT_DATA_DIR", dir.resolve("data").toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
