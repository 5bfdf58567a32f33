package ai.tock.community.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;

/**
 * The one kind of cache the bot keeps for what the open internet sends (user ids, addresses, event
 * ids): Caffeine, bounded in entries, optionally forgotten after an idle time. Maintenance runs on the
 * caller's thread, so the bound holds as soon as a call returns.
 */
public final class BoundedCaches {

    private BoundedCaches() {
    }

    /** At most {@code maxEntries}; past it, the least useful go first (the most recent are kept). */
    public static <K, V> Cache<K, V> of(int maxEntries) {
        return Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
    }

    /** A set of at most {@code maxEntries} keys, as {@link #of(int)} keeps them. */
    public static <K> Set<K> setOf(int maxEntries) {
        return Collections.newSetFromMap(BoundedCaches.<K, Boolean>of(maxEntries).asMap());
    }

    /**
     * Also forgets an entry not read or written for {@code idle}.
     *
     * @param ticker the time in nanoseconds (a test's clock, or {@link Ticker#systemTicker()})
     */
    public static <K, V> Cache<K, V> of(int maxEntries, Duration idle, Ticker ticker) {
        return Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(idle).ticker(ticker)
                .executor(Runnable::run).build();
    }
}
