package ai.tock.community.shared;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a user id, a client address), from Bucket4j: a burst of {@code capacity}
 * requests, then {@code refilled} more each {@code period}. The one rate-limiting algorithm of every
 * channel. Keys not seen for a while are dropped first past {@code maxKeys}.
 */
public final class RateLimiter {

    /**
     * What to do with one request.
     *
     * @param allowed       the request may go
     * @param firstRefusal  refused, and the first refusal since this key was last allowed: worth telling the sender once
     * @param secondsToWait when refused, the seconds until the next request will be allowed (at least 1)
     */
    public record Decision(boolean allowed, boolean firstRefusal, long secondsToWait) {
    }

    private record Limit(Bucket bucket, AtomicBoolean refused) {
    }

    private final long capacity;
    private final long refilled;
    private final Duration period;
    private final TimeMeter time;
    private final Cache<String, Limit> limits;

    /** @param nanoClock the time in nanoseconds ({@code System::nanoTime}, or a test's clock) */
    public RateLimiter(long capacity, long refilled, Duration period, int maxKeys, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.refilled = refilled;
        this.period = period;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoClock.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.limits = BoundedCaches.of(maxKeys);
    }

    public Decision admit(String key) {
        Limit limit = limits.get(key, k -> new Limit(Bucket.builder()
                .addLimit(l -> l.capacity(capacity).refillGreedy(refilled, period))
                .withCustomTimePrecision(time).build(), new AtomicBoolean()));
        ConsumptionProbe probe = limit.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            limit.refused().set(false);
            return new Decision(true, false, 0);
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Decision(false, limit.refused().compareAndSet(false, true), seconds);
    }

    /** Keys currently remembered; lets tests see that they stay bounded. */
    public long trackedKeys() {
        limits.cleanUp();
        return limits.estimatedSize();
    }
}
