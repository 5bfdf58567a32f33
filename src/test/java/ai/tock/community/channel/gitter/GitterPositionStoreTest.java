package ai.tock.community.channel.gitter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitterPositionStoreTest {

    @TempDir
    Path folder;

    @Test
    void savesAndLoadsThePositionAtomically() throws Exception {
        GitterPositionStore store = new GitterPositionStore(folder.resolve("sub/dir/gitter-sync.json"));
        assertEquals(Optional.empty(), store.load());
        store.save(new GitterPositionStore.Position("s1", List.of()));
        store.save(new GitterPositionStore.Position("s72_abc", List.of("$t1", "$t2")));
        assertEquals(Optional.of(new GitterPositionStore.Position("s72_abc", List.of("$t1", "$t2"))), store.load());
        try (var files = Files.list(folder.resolve("sub/dir"))) {
            assertEquals(List.of("gitter-sync.json"), files.map(file -> file.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void aDamagedFileMeansStartingAfresh() throws Exception {
        Path file = folder.resolve("gitter-sync.json");
        GitterPositionStore store = new GitterPositionStore(file);
        Files.writeString(file, "{\"next_batch\": \"s1");
        assertTrue(store.load().isEmpty());
        Files.writeString(file, "{\"answered_threads\": [\"$t\"]}");
        assertTrue(store.load().isEmpty());
        Files.writeString(file, "{\"next_batch\": \"s5\", \"answered_threads\": [1, \"$t\"]}");
        assertEquals(Optional.of(new GitterPositionStore.Position("s5", List.of("$t"))), store.load());
    }
}
