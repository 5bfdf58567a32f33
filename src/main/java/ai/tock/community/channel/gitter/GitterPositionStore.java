package ai.tock.community.channel.gitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps the {@link GitterSyncPosition} in a JSON file, replaced atomically so that a crash never leaves half a file. */
final class GitterPositionStore {

    private static final Logger logger = LoggerFactory.getLogger(GitterPositionStore.class);

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    GitterPositionStore(Path file) {
        this.file = file;
    }

    /** Empty on the very first start, and when the file cannot be read (then the backlog is skipped rather than answered). */
    Optional<GitterSyncPosition> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode saved = json.readTree(file.toFile());
            JsonNode nextBatch = saved == null ? null : saved.get("next_batch");
            if (nextBatch == null || !nextBatch.isTextual() || nextBatch.asText().isEmpty()) {
                logger.warn("Gitter sync position {} has no next_batch; starting afresh, without answering the backlog", file);
                return Optional.empty();
            }
            List<String> threads = new ArrayList<>();
            saved.path("answered_threads").forEach(thread -> {
                if (thread.isTextual()) {
                    threads.add(thread.asText());
                }
            });
            return Optional.of(new GitterSyncPosition(nextBatch.asText(), threads));
        } catch (IOException e) {
            logger.warn("Gitter sync position {} is unreadable ({}); starting afresh, without answering the backlog", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    synchronized void save(GitterSyncPosition position) throws IOException {
        ObjectNode content = json.createObjectNode().put("next_batch", position.nextBatch());
        position.answeredThreads().forEach(content.putArray("answered_threads")::add);
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    Path file() {
        return file;
    }
}
