package ai.tock.community.bot;

import ai.tock.community.content.Content;
import ai.tock.community.content.ContentException;
import ai.tock.community.content.ContentLoader;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's current {@link Knowledge}. The first one trains in the background while Tock starts;
 * a reload trains the new one aside and swaps it in only if the content is sound.
 */
public final class KnowledgeBase {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);

    private final Path storiesDir;
    private final CompletableFuture<Knowledge> first;
    private volatile Consumer<Content> beforeServing = content -> { };
    private volatile Knowledge current;

    public KnowledgeBase(Path storiesDir, CompletableFuture<Knowledge> first) {
        this.storiesDir = storiesDir;
        this.first = first;
    }

    /** Told of each reloaded content before it serves: the bot adds stories for new intents. */
    public void beforeServing(Consumer<Content> listener) {
        this.beforeServing = listener;
    }

    /** The knowledge in force; waits for the first training if it is still running. */
    public Knowledge current() {
        Knowledge known = current;
        return known != null ? known : first.join();
    }

    public boolean ready() {
        return current != null || first.isDone() && !first.isCompletedExceptionally();
    }

    /**
     * Loads and trains the content again. A content that does not load keeps the previous one serving.
     *
     * @return whether the new content now serves
     */
    public synchronized boolean reload() {
        long start = System.nanoTime();
        Knowledge previous = current();
        Content content;
        try {
            content = new ContentLoader().load(storiesDir);
        } catch (ContentException e) {
            LOG.warn("content not reloaded, version {} keeps serving: {}", previous.version(), e.getMessage());
            return false;
        }
        Knowledge next;
        try {
            next = Knowledge.train(content, previous.version() + 1);
        } catch (RuntimeException e) {
            LOG.warn("content not reloaded, version {} keeps serving: training failed: {}", previous.version(), e.toString());
            return false;
        }
        beforeServing.accept(content);
        current = next;
        LOG.info("content version {} serving: {} stories, reloaded in {} ms", next.version(), content.stories().size(),
                (System.nanoTime() - start) / 1_000_000);
        return true;
    }
}
