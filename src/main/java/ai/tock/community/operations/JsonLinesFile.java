package ai.tock.community.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of JSON records, one per line, in the data folder. Appends never fail a turn:
 * a write problem is logged with the file's name. Unreadable lines are skipped when reading back.
 * Bounded: past {@link #MAX_BYTES}, the file becomes {@code <name>.1} (replacing the one before) and a
 * new one starts, so each log keeps the latest 4 to 8 MiB of records, on disk and when read back.
 */
final class JsonLinesFile<T> {

    static final long MAX_BYTES = 4L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFile.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Path previous;
    private final Class<T> type;
    private final long maxBytes;

    JsonLinesFile(Path file, Class<T> type) {
        this(file, type, MAX_BYTES);
    }

    JsonLinesFile(Path file, Class<T> type, long maxBytes) {
        this.file = file.toAbsolutePath();
        this.previous = this.file.resolveSibling(this.file.getFileName() + ".1");
        this.type = type;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(this.file.getParent());
        } catch (IOException e) {
            LOG.warn("cannot create the folder of {}: {}", this.file, e.toString());
        }
    }

    void append(T record) {
        try {
            // Bytes, not writeString: a lone surrogate in user text becomes '?' instead of losing the record.
            byte[] line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (this) {
                if (Files.exists(file) && Files.size(file) + line.length > maxBytes) {
                    Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            LOG.warn("cannot append to {}: {}", file, e.toString());
        }
    }

    /** The records of the previous file, then of the current one, oldest first. */
    List<T> readAll() {
        List<T> records = read(previous);
        records.addAll(read(file));
        return records;
    }

    private List<T> read(Path file) {
        List<T> records = new ArrayList<>();
        int skipped = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                try {
                    if (!line.isBlank()) {
                        records.add(JSON.readValue(line, type));
                    }
                } catch (JsonProcessingException e) {
                    skipped++;
                }
            }
        } catch (NoSuchFileException e) {
            return records;
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.toString());
        }
        if (skipped > 0) {
            LOG.warn("{}: skipped {} unreadable lines", file, skipped);
        }
        return records;
    }
}
