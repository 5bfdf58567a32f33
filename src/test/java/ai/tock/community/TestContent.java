package ai.tock.community;

import ai.tock.community.content.Content;
import ai.tock.community.content.ContentLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The project's real content, as the bot loads it, and what tests need to run the bot on it. */
public final class TestContent {

    public static final Path STORIES = Path.of("stories");

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

    /** A loopback port free right now, for a bot under test. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
