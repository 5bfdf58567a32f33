package ai.tock.community;

import ai.tock.community.channel.gitter.GitterCheck;
import ai.tock.community.bot.Knowledge;
import ai.tock.community.content.Content;
import ai.tock.community.content.ContentException;
import ai.tock.community.content.ContentLoader;
import ai.tock.community.engine.TockEngine;
import ai.tock.community.engine.TockProperties;
import ai.tock.community.nlu.Evaluation;
import ai.tock.community.nlu.EvaluationSet;
import ai.tock.community.operations.OperatorLogFiles;
import ai.tock.community.operations.UnansweredReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the bot: {@code java -jar target/tock-community-bot.jar}, or runs one of its commands. */
public final class Main {

    /** Exit code for a configuration the bot cannot run with: one line says what to fix. */
    static final int BAD_CONFIGURATION = 2;
    /** Exit code for a failure that is not the configuration's: a bug, logged with its stack trace. */
    static final int FAILURE = 1;

    private Main() {
    }

    /** A command instead of the bot: {@code java -jar tock-community-bot.jar <command> [arguments]}. */
    private static int command(String[] args) {
        return switch (args[0]) {
            case "unanswered" -> args.length == 1 ? unanswered() : usage();
            case "gitter-check" -> args.length == 1 ? gitterCheck() : usage();
            case "evaluate" -> args.length == 2 ? evaluate(Path.of(args[1])) : usage();
            case "archive-classes" -> args.length == 1 ? archiveClasses() : usage();
            default -> usage();
        };
    }

    private static int usage() {
        System.err.println("usage: java -jar tock-community-bot.jar [unanswered | gitter-check | evaluate FILE | archive-classes]");
        return BAD_CONFIGURATION;
    }

    /** {@code unanswered}: prints what users asked that the bot could not answer, for operators. */
    private static int unanswered() {
        BotSettings settings;
        try {
            settings = BotSettings.fromEnvironment(System.getenv());
        } catch (BotSettings.InvalidSetting e) {
            System.err.println("tock-community-bot: " + e.getMessage());
            return BAD_CONFIGURATION;
        }
        UnansweredReport.Report report = new OperatorLogFiles(settings.operations().dataDir(), Clock.systemUTC()).report();
        System.out.print(UnansweredReport.asText(report));
        return 0;
    }

    /** {@code gitter-check}: whether the bot can work in Gitter with GITTER_TOKEN and GITTER_ROOMS; sends no message. */
    private static int gitterCheck() {
        try {
            BotSettings settings = BotSettings.fromEnvironment(System.getenv());
            if (settings.gitter().isEmpty()) {
                System.err.println("tock-community-bot: GITTER_TOKEN is not set: nothing to check");
                return BAD_CONFIGURATION;
            }
            return GitterCheck.run(settings.gitter().get(), System.out) == 0 ? 0 : FAILURE;
        } catch (BotSettings.InvalidSetting e) {
            System.err.println("tock-community-bot: " + e.getMessage());
            return BAD_CONFIGURATION;
        }
    }

    /**
     * {@code evaluate FILE}: how the bot, trained on the stories in force, does on the questions of FILE
     * (format in the README), with every miss. A file not in the format gets one line naming the line.
     */
    private static int evaluate(Path file) {
        Content content;
        try {
            content = new ContentLoader().load(BotSettings.fromEnvironment(System.getenv()).storiesDir());
        } catch (BotSettings.InvalidSetting | ContentException e) {
            System.err.println("tock-community-bot: " + e.getMessage());
            return BAD_CONFIGURATION;
        }
        EvaluationSet set;
        try {
            set = EvaluationSet.read(file, content);
        } catch (EvaluationSet.InvalidSet e) {
            System.err.println("tock-community-bot evaluate: " + e.getMessage());
            return BAD_CONFIGURATION;
        }
        Knowledge knowledge = Knowledge.train(content, 1);
        Evaluation.Report report = new Evaluation(knowledge.classifier()::classify, knowledge.languages(), content).run(set);
        System.out.print(report.asText());
        return 0;
    }

    /**
     * {@code archive-classes}: the build runs it under {@code -XX:ArchiveClassesAtExit} (see the pom): the bot
     * starts on a free loopback port with a throw-away data folder and no Gitter, warms up for a few
     * seconds, then stops, so that the JVM archives every class a start and a turn load. Started with
     * {@code -XX:SharedArchiveFile}, the bot then maps them instead of loading and verifying them again.
     */
    private static int archiveClasses() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("GITTER_"));
        BotRuntime runtime = null;
        Path dataDir = null;
        try {
            dataDir = Files.createTempDirectory("tock-community-bot-archive");
            env.put("BOT_DATA_DIR", dataDir.toString());
            env.put("PORT", Integer.toString(freeLoopbackPort()));
            env.put("BOT_WARMUP_SECONDS", "5");
            BotSettings settings = BotSettings.fromEnvironment(env);
            runtime = BotRuntime.start(settings, new ContentLoader().load(settings.storiesDir()));
            runtime.ready().get(60, TimeUnit.SECONDS);
            return 0;
        } catch (BotSettings.InvalidSetting | ContentException | TockEngine.NotListening e) {
            System.err.println("tock-community-bot archive-classes: " + e.getMessage());
            return BAD_CONFIGURATION;
        } catch (IOException | ExecutionException | TimeoutException e) {
            System.err.println("tock-community-bot archive-classes: the bot did not warm up: " + e);
            return FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILURE;
        } finally {
            if (runtime != null) {
                runtime.close();
            }
            deleteQuietly(dataDir);
        }
    }

    /** Removes a throw-away folder; what cannot be removed stays in the system's temporary folder. */
    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left for the system to clean: nothing of it is used again.
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A stop request finishes the turns in flight and saves state, then exits 0 (not the JVM's 143).
     * Installed before the runtime starts: /healthz answers while the models still train, and a stop
     * then has no turn to finish.
     */
    @SuppressWarnings("removal")
    private static void stopOnSignal(AtomicReference<BotRuntime> runtime, String signal) {
        sun.misc.Signal.handle(new sun.misc.Signal(signal), received -> {
            LoggerFactory.getLogger(Main.class).info("SIG{} received: finishing the turns in flight", signal);
            BotRuntime started = runtime.get();
            if (started != null) {
                started.close();
            }
            System.exit(0);
        });
    }

    public static void main(String[] args) {
        long startNanos = System.nanoTime();
        TockProperties.setDefaults();
        if (args.length > 0) {
            System.exit(command(args));
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        AtomicReference<BotRuntime> started = new AtomicReference<>();
        stopOnSignal(started, "TERM");
        stopOnSignal(started, "INT");
        try {
            BotSettings settings = BotSettings.fromEnvironment(System.getenv());
            Content content = new ContentLoader().load(settings.storiesDir());
            log.info("content loaded in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
            BotRuntime runtime = BotRuntime.start(settings, content);
            started.set(runtime);
            log.info("answering in {} ms: {} stories, chat page at http://localhost:{}/",
                    (System.nanoTime() - startNanos) / 1_000_000, content.stories().size(), runtime.port());
            runtime.ready().thenRun(() -> log.info("ready in {} ms", (System.nanoTime() - startNanos) / 1_000_000));
        } catch (RuntimeException e) {
            if (isConfigurationProblem(e)) {
                // One line, no stack trace: the message names the variable, file, story, port or hook to fix.
                System.err.println("tock-community-bot cannot start: " + e.getMessage());
                System.exit(BAD_CONFIGURATION);
            }
            log.error("tock-community-bot failed to start", e);
            System.exit(FAILURE);
        }
    }

    /**
     * What the operator can fix (exit 2, one line): a setting, the content, the port, or a Tock of another
     * version than this build's (a hook into it missing). Anything else is a bug (exit 1, logged).
     */
    static boolean isConfigurationProblem(RuntimeException e) {
        return e instanceof BotSettings.InvalidSetting || e instanceof ContentException || e instanceof TockEngine.NotListening
                || e instanceof TockEngine.MissingHook;
    }
}
