package ai.tock.community.bot;

import ai.tock.community.content.Content;
import ai.tock.community.content.ContentException;
import ai.tock.community.content.ContentLoader;
import ai.tock.community.content.Story;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's current {@link Knowledge}. The first one trains in the background while Tock starts;
 * a reload trains the new one aside and swaps it in only if the content is sound. It is the port
 * the channels reach the bot through.
 */
public final class KnowledgeBase implements BotPort {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);

    private final Path storiesDir;
    private final CompletableFuture<Knowledge> first;
    private volatile Consumer<Content> beforeServing = content -> { };
    private volatile Knowledge current;

    private KnowledgeBase(Path storiesDir, CompletableFuture<Knowledge> first) {
        this.storiesDir = storiesDir;
        this.first = first;
    }

    /** Starts training the models on {@code content} on a thread of its own, and returns at once. */
    public static KnowledgeBase trainInBackground(Path storiesDir, Content content) {
        long startNanos = System.nanoTime();
        CompletableFuture<Knowledge> training = CompletableFuture.supplyAsync(() -> {
            Knowledge first = Knowledge.train(content, 1);
            LOG.info("models trained in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
            return first;
        }, KnowledgeBase::trainingThread);
        return new KnowledgeBase(storiesDir, training);
    }

    /**
     * Waits for the first training.
     *
     * @throws ContentException naming the cause when the models could not be trained on the content
     */
    public void awaitTrained() {
        try {
            first.join();
        } catch (CompletionException e) {
            throw new ContentException("the models could not be trained on " + storiesDir + ": " + e.getCause(), e);
        }
    }

    private static void trainingThread(Runnable training) {
        Thread thread = new Thread(training, "training");
        thread.setDaemon(true);
        thread.start();
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

    @Override
    public boolean ready() {
        return current != null || first.isDone() && !first.isCompletedExceptionally();
    }

    @Override
    public Locale languageOf(String text) {
        return current().languages().detect(text);
    }

    @Override
    public Locale languageOf(String text, Locale whenUnsure) {
        return current().languages().detect(text, whenUnsure);
    }

    @Override
    public boolean takesFeedback(String intent) {
        return intent != null && current().content().story(intent).map(Story::isTopic).orElse(false);
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
