package ai.tock.community.channel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void a_burst_then_the_steady_rate_then_a_wait() {
        RateLimiter limiter = new RateLimiter(3, 1, 100, nanos::get);
        assertEquals(0, limiter.secondsToWait("u"));
        assertEquals(0, limiter.secondsToWait("u"));
        assertEquals(0, limiter.secondsToWait("u"));
        assertEquals(1, limiter.secondsToWait("u"), "the burst is spent");
        assertEquals(0, limiter.secondsToWait("someone else"), "buckets are per key");
        nanos.addAndGet(1_000_000_000L);
        assertEquals(0, limiter.secondsToWait("u"), "one token back after a second");
    }

    @Test
    void a_million_keys_keep_a_bounded_number_of_buckets() {
        RateLimiter limiter = new RateLimiter(1, 1, 1_000, nanos::get);
        for (int i = 0; i < 1_000_000; i++) {
            limiter.secondsToWait("user-" + i);
        }
        assertTrue(limiter.trackedKeys() <= 1_000);
    }
}
