package ai.tock.community.channel.gitter;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the {@link Position} in a JSON file, replaced atomically so that a crash never leaves half a file.
 * A position equal to the one last written is not written again: an empty long-poll costs no disk write.
 */
final class GitterPositionStore {

    /**
     * Where the channel stands: the /sync token to resume from, and the threads it has answered in
     * (it keeps answering there without a mention, also after a restart).
     */
    record Position(@JsonProperty("next_batch") String nextBatch,
                    @JsonProperty("answered_threads") List<String> answeredThreads) {

        /** A thread id that is not text reads as null (MatrixJson's mapper): dropped. */
        Position {
            answeredThreads = answeredThreads.stream().filter(Objects::nonNull).toList();
        }
    }

    private static final Logger logger = LoggerFactory.getLogger(GitterPositionStore.class);

    private final Path file;
    private final ObjectMapper json = MatrixJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);
    private Position written;
    private boolean failing;

    GitterPositionStore(Path file) {
        this.file = file;
    }

    /** Empty on the very first start, and when the file cannot be read: then the backlog is skipped rather than answered. */
    synchronized Optional<Position> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Position saved = json.readValue(file.toFile(), Position.class);
            if (saved == null || saved.nextBatch() == null || saved.nextBatch().isEmpty()) {
                logger.warn("Gitter sync position {} has no next_batch; starting afresh, without answering the backlog", file);
                return Optional.empty();
            }
            written = saved;
            return Optional.of(saved);
        } catch (IOException e) {
            logger.warn("Gitter sync position {} is unreadable ({}); starting afresh, without answering the backlog", file,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Writes the position unless the file already holds it (threads compared as a set); one log line per run of failures. */
    synchronized void save(Position position) {
        if (written != null && written.nextBatch().equals(position.nextBatch())
                && Set.copyOf(written.answeredThreads()).equals(Set.copyOf(position.answeredThreads()))) {
            return;
        }
        try {
            write(position);
            written = position;
            failing = false;
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                logger.warn("Gitter sync position not saved to {}: {}; a restart may answer recent messages again", file,
                        e.toString());
            }
            failing = true;
        }
    }

    private void write(Position position) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            // On the disk before it takes the file's name.
            Files.write(temporary, json.writeValueAsBytes(position), StandardOpenOption.SYNC);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
