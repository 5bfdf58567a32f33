package ai.tock.community;

import ai.tock.community.content.Content;
import ai.tock.community.content.ContentLoader;
import java.nio.file.Path;

/** The project's real content, as the bot loads it. */
public final class TestContent {

    public static final Path STORIES = Path.of("stories");

    private TestContent() {
    }

    public static Content load() {
        return new ContentLoader().load(STORIES);
    }
}
