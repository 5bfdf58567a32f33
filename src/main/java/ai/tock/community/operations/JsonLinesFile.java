package ai.tock.community.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of JSON records, one per line, in the data folder, rotated by size with
 * logback's rolling appender: the current file and at most {@code rotatedFiles} older ones
 * ({@code name.1} the newest), each about {@code maxFileBytes}, so the total stays bounded. Appends
 * never fail a turn: a write problem is logged once with the file's name. Read back as a stream,
 * oldest record first; unreadable lines are skipped.
 */
final class JsonLinesFile<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFile.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Class<T> type;
    private final int rotatedFiles;
    // A logging context of its own: the records never reach the bot's console log, whatever its configuration.
    private final LoggerContext context = new LoggerContext();
    private final ch.qos.logback.classic.Logger lines;
    private final AtomicBoolean failing = new AtomicBoolean();

    JsonLinesFile(Path file, Class<T> type, long maxFileBytes, int rotatedFiles) {
        this.file = file.toAbsolutePath();
        this.type = type;
        this.rotatedFiles = rotatedFiles;
        context.setName("jsonl:" + this.file.getFileName());
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.getStatusManager().add(status -> {
            // Said once per run of failures: a full disk would otherwise say it on every turn.
            if (status.getLevel() == Status.ERROR && failing.compareAndSet(false, true)) {
                LOG.warn("cannot write {}: {}", this.file, status.getMessage());
            }
        });
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(this.file.getFileName().toString());
        appender.setFile(this.file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(this.file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(rotatedFiles);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(maxFileBytes));
        trigger.setCheckIncrement(0); // the size is checked on every record: these logs are small and bounded
        trigger.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        // A lone surrogate in user text becomes '?' instead of losing the record.
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        lines = context.getLogger("records");
        lines.setAdditive(false);
        lines.setLevel(Level.INFO);
        lines.addAppender(appender);
    }

    void append(T record) {
        try {
            lines.info(JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            LOG.warn("cannot write a record to {}: {}", file, e.getOriginalMessage());
        }
    }

    /**
     * Reads the records, oldest first, as a stream closed when {@code reader} returns: nothing is held
     * in memory but what the reader keeps.
     */
    <R> R read(Function<Stream<T>, R> reader) {
        List<Path> files = new ArrayList<>();
        for (int i = rotatedFiles; i >= 1; i--) {
            files.add(Path.of(file + "." + i));
        }
        files.add(file);
        AtomicInteger skipped = new AtomicInteger();
        try (Stream<T> records = files.stream().flatMap(f -> lines(f)).map(line -> parse(line, skipped)).filter(Objects::nonNull)) {
            return reader.apply(records);
        } finally {
            if (skipped.get() > 0) {
                LOG.warn("{}: skipped {} unreadable lines", file, skipped.get());
            }
        }
    }

    private static Stream<String> lines(Path file) {
        BufferedReader reader;
        try {
            // Undecodable bytes become U+FFFD: a damaged line is skipped, not the rest of the file.
            reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.toString());
            return Stream.empty();
        }
        return reader.lines().onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private T parse(String line, AtomicInteger skipped) {
        if (line.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(line, type);
        } catch (JsonProcessingException e) {
            skipped.incrementAndGet();
            return null;
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
