package ai.tock.community;

import ai.tock.community.content.Content;
import ai.tock.community.content.ContentException;
import ai.tock.community.content.ContentLoader;
import ai.tock.community.engine.BotRuntime;
import ai.tock.community.engine.BotSettings;
import ai.tock.community.engine.TockProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the bot: {@code java -jar target/tock-community-bot.jar}. */
public final class Main {

    /** Exit code for a configuration the bot cannot run with. */
    static final int BAD_CONFIGURATION = 2;

    private Main() {
    }

    /** A stop request finishes the turns in flight and saves state, then exits 0 (not the JVM's 143). */
    @SuppressWarnings("removal")
    private static void stopOnSignal(BotRuntime runtime, String signal) {
        sun.misc.Signal.handle(new sun.misc.Signal(signal), received -> {
            LoggerFactory.getLogger(Main.class).info("SIG{} received: finishing the turns in flight", signal);
            runtime.close();
            System.exit(0);
        });
    }

    public static void main(String[] args) {
        long startNanos = System.nanoTime();
        TockProperties.setDefaults();
        Logger log = LoggerFactory.getLogger(Main.class);
        BotSettings settings;
        Content content;
        try {
            settings = BotSettings.fromEnvironment(System.getenv());
            content = new ContentLoader().load(settings.storiesDir());
        } catch (BotSettings.InvalidSetting | ContentException e) {
            // One line, no stack trace: the message names the variable, file or story to fix.
            System.err.println("tock-community-bot cannot start: " + e.getMessage());
            System.exit(BAD_CONFIGURATION);
            return;
        }
        BotRuntime runtime;
        try {
            runtime = BotRuntime.start(settings, content);
        } catch (IllegalStateException e) {
            System.err.println("tock-community-bot cannot start: " + e.getMessage());
            System.exit(BAD_CONFIGURATION);
            return;
        }
        stopOnSignal(runtime, "TERM");
        stopOnSignal(runtime, "INT");
        log.info("ready in {} ms: {} stories, chat page at http://localhost:{}/",
                (System.nanoTime() - startNanos) / 1_000_000, content.stories().size(), runtime.port());
    }
}
