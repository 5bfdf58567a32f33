package ai.tock.community.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void a_burst_then_the_steady_rate_then_a_wait() {
        RateLimiter limiter = new RateLimiter(3, 1, Duration.ofSeconds(1), 100, nanos::get);
        assertEquals(0, wait(limiter, "u"));
        assertEquals(0, wait(limiter, "u"));
        assertEquals(0, wait(limiter, "u"));
        assertEquals(1, wait(limiter, "u"), "the burst is spent");
        assertEquals(0, wait(limiter, "someone else"), "buckets are per key");
        nanos.addAndGet(1_000_000_000L);
        assertEquals(0, wait(limiter, "u"), "one token back after a second");
    }

    @Test
    void a_million_keys_keep_a_bounded_number_of_buckets() {
        RateLimiter limiter = new RateLimiter(1, 1, Duration.ofSeconds(1), 1_000, nanos::get);
        for (int i = 0; i < 1_000_000; i++) {
            wait(limiter, "user-" + i);
        }
        assertTrue(limiter.trackedKeys() <= 1_000);
    }

    @Test
    void only_the_first_refusal_since_the_last_allowed_request_is_marked() {
        RateLimiter limiter = new RateLimiter(1, 1, Duration.ofSeconds(10), 100, nanos::get);
        assertTrue(limiter.admit("u").allowed());
        assertTrue(limiter.admit("u").firstRefusal(), "the first refusal is told");
        assertTrue(!limiter.admit("u").allowed() && !limiter.admit("u").firstRefusal(), "the next ones are not");
        nanos.addAndGet(10_000_000_000L);
        assertTrue(limiter.admit("u").allowed());
        assertTrue(limiter.admit("u").firstRefusal(), "told again after an allowed request");
    }

    /** Zero when allowed, else the seconds to wait. */
    private static long wait(RateLimiter limiter, String key) {
        RateLimiter.Decision decision = limiter.admit(key);
        return decision.allowed() ? 0 : decision.secondsToWait();
    }
}
