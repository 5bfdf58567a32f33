package ai.tock.community;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/** Captures everything logged (any logger) while open, with exceptions rendered, to check what the logs say. */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    /** Has its own level in logback-test.xml, so the root level alone would not reach it. */
    private final Logger bot = (Logger) LoggerFactory.getLogger("ai.tock.community");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previousRootLevel = root.getLevel();
    private final Level previousBotLevel = bot.getLevel();

    /** Captures at the given level (or above) on the root logger and the bot's own loggers. */
    public LogCapture(Level level) {
        appender.start();
        root.addAppender(appender);
        root.setLevel(level);
        bot.setLevel(level);
    }

    private List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    /** Each event as one text: level, logger, message, and any exception with its causes and stack. */
    public List<String> lines() {
        return events().stream().map(LogCapture::render).toList();
    }

    public List<String> lines(Level level, String containing) {
        return events().stream().filter(event -> event.getLevel().equals(level)).map(LogCapture::render)
                .filter(line -> line.contains(containing)).toList();
    }

    /** Lines at WARN or above from the Gitter channel. */
    public List<String> gitterProblems() {
        return events().stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .filter(event -> event.getLoggerName().startsWith("ai.tock.community.channel.gitter"))
                .map(LogCapture::render).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(previousRootLevel);
        bot.setLevel(previousBotLevel);
    }

    private static String render(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage());
        for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
            text.append("\n").append(error.getClassName()).append(": ").append(error.getMessage());
            for (StackTraceElementProxy frame : error.getStackTraceElementProxyArray()) {
                text.append("\n\t").append(frame.getSTEAsString());
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return lines().stream().collect(Collectors.joining("\n"));
    }
}
