package ai.tock.community.bot;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the stories folder and reloads the content when a file is added, changed or deleted, so
 * maintainers improve the bot without a restart. Bursts of changes (an editor's save) reload once.
 */
public final class ContentWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContentWatcher.class);
    private static final Duration SETTLE = Duration.ofMillis(150);

    private final WatchService watcher;
    private final Thread thread;

    public ContentWatcher(Path storiesDir, KnowledgeBase knowledge) throws IOException {
        this.watcher = FileSystems.getDefault().newWatchService();
        storiesDir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(() -> watch(knowledge), "content-watcher");
        thread.setDaemon(true);
        thread.start();
        LOG.info("watching {} for changes", storiesDir.toAbsolutePath());
    }

    private void watch(KnowledgeBase knowledge) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                drain(key);
                // Let the burst settle: one reload for an editor's write, rename and touch.
                WatchKey more;
                while ((more = watcher.poll(SETTLE.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                try {
                    knowledge.reload();
                } catch (RuntimeException e) { // the watcher must outlive one failed reload
                    LOG.warn("content not reloaded: {}", e.toString());
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the content watcher: {}", e.toString());
        }
        thread.interrupt();
    }
}
