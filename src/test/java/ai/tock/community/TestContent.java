package ai.tock.community;

import ai.tock.community.content.Content;
import ai.tock.community.content.ContentLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The project's real content, as the bot loads it, and what tests need to run the bot on it. */
public final class TestContent {

    public static final Path STORIES = Path.of("stories");

    /** How a child JVM ended: its exit code and all it printed (stdout and stderr). */
    public record ChildRun(int exitCode, String output) {
    }

    private TestContent() {
    }

    public static Content load() {
        return new ContentLoader().load(STORIES);
    }

    /** A copy of the stories folder, for tests that change the content. */
    public static Path copyOfStories(Path target) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(STORIES)) {
                for (Path f : files.toList()) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bot started on a free loopback port, writing to a fresh temporary folder, with {@code env} on top
     * (PORT and BOT_DATA_DIR are set here).
     */
    public static BotRuntime startBot(Map<String, String> env) {
        try {
            Map<String, String> settings = new java.util.HashMap<>(env);
            settings.put("PORT", Integer.toString(freePort()));
            settings.put("BOT_DATA_DIR", Files.createTempDirectory("bot-data").toString());
            return BotRuntime.start(BotSettings.fromEnvironment(settings), load());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port free right now, for a bot under test. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Main in a child JVM, printing into {@code output}. Its environment is this one without the bot's
     * own settings (a developer's GITTER_TOKEN would connect it to Gitter, their PORT or BOT_* would
     * change what is tested), plus {@code env}.
     */
    public static ProcessBuilder mainProcess(Map<String, String> env, Path output, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        withoutBotSettings(builder.environment()).putAll(env);
        return builder;
    }

    /** The environment without the bot's own settings: GITTER_*, BOT_*, PORT, ADMIN_TOKEN. */
    public static Map<String, String> withoutBotSettings(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("GITTER_") || name.startsWith("BOT_")
                || name.equals("PORT") || name.equals("ADMIN_TOKEN"));
        return environment;
    }

    /**
     * Runs Main in a child JVM (see {@link #mainProcess}) until it exits. Output goes to a file, not a
     * pipe, so the wait is bounded: a Main that does not exit (a regression that lets the bot start)
     * fails the test after 60 s instead of hanging the build, and is killed.
     */
    public static ChildRun runMain(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile("main-run-", ".log");
        Process process = mainProcess(env, output, args).start();
        try {
            boolean exited = process.waitFor(60, TimeUnit.SECONDS); // a hang guard, not a speed check
            String printed = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
            if (!exited) {
                throw new AssertionError("Main " + List.of(args) + " still running after 60 s; it printed:\n" + printed);
            }
            return new ChildRun(process.exitValue(), printed);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
