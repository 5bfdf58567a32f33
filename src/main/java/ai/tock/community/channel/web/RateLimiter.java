package ai.tock.community.channel.web;

import ai.tock.community.shared.BoundedMaps;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a user id, a client address): a burst of {@code capacity} requests, then
 * {@code perSecond}. Buckets of keys not seen for a while are dropped first past {@code maxKeys},
 * so a flood of new ids cannot grow memory.
 */
final class RateLimiter {

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    private final double capacity;
    private final double perSecond;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets;

    RateLimiter(double capacity, double perSecond, int maxKeys, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.buckets = BoundedMaps.leastRecentlySeenFirst(maxKeys);
    }

    synchronized int trackedKeys() {
        return buckets.size();
    }

    /** Zero when the request may go, else the seconds to wait before the next one will. */
    synchronized long secondsToWait(String key) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> {
            Bucket b = new Bucket();
            b.tokens = capacity;
            b.lastNanos = now;
            return b;
        });
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.lastNanos) / 1e9 * perSecond);
        bucket.lastNanos = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - bucket.tokens) / perSecond);
    }
}
