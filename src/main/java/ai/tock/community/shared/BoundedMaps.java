package ai.tock.community.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps keyed by what the open internet sends (user ids, event ids): bounded, the least recently
 * seen entry leaving first, so a flood of new keys costs a fixed amount of memory.
 */
public final class BoundedMaps {

    private BoundedMaps() {
    }

    /** Not synchronized: for a caller that guards it with its own lock (compound updates). */
    public static <K, V> Map<K, V> leastRecentlySeenFirst(int maxEntries) {
        return new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The same, each call synchronized (even a get reorders an access-ordered map). */
    public static <K, V> Map<K, V> synchronizedLeastRecentlySeenFirst(int maxEntries) {
        return Collections.synchronizedMap(leastRecentlySeenFirst(maxEntries));
    }
}
