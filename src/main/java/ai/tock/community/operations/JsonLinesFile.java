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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of JSON records, one per line, in the data folder. Appends never fail a turn:
 * a write problem is logged with the file's name. Unreadable lines are skipped when reading back.
 */
final class JsonLinesFile<T> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFile.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Class<T> type;

    JsonLinesFile(Path file, Class<T> type) {
        this.file = file.toAbsolutePath();
        this.type = type;
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
                Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            LOG.warn("cannot append to {}: {}", file, e.toString());
        }
    }

    List<T> readAll() {
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
