package ai.tock.community.channel.gitter;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What operators watch of the Gitter channel: when it last synced, and how many calls failed. */
public final class GitterStats {

    private final AtomicLong failedCalls = new AtomicLong();
    private volatile Instant lastSync;

    void syncDone(Instant at) {
        lastSync = at;
    }

    void callFailed() {
        failedCalls.incrementAndGet();
    }

    /** Null until the first sync. */
    public Instant lastSync() {
        return lastSync;
    }

    public long failedCalls() {
        return failedCalls.get();
    }
}
