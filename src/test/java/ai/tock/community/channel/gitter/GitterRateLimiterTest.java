package ai.tock.community.channel.gitter;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static ai.tock.community.channel.gitter.GitterRateLimiter.Decision.ANSWER;
import static ai.tock.community.channel.gitter.GitterRateLimiter.Decision.IGNORE;
import static ai.tock.community.channel.gitter.GitterRateLimiter.Decision.NOTIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GitterRateLimiterTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2024-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final GitterRateLimiter limiter = new GitterRateLimiter(5, Duration.ofSeconds(30), clock);

    @Test
    void answersFiveThenNotifiesOnceThenStaysSilentUntilTheWindowEnds() {
        for (int i = 0; i < 5; i++) {
            assertEquals(ANSWER, limiter.admit("@a:x"));
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(NOTIFY, limiter.admit("@a:x"));
        assertEquals(IGNORE, limiter.admit("@a:x"));
        assertEquals(ANSWER, limiter.admit("@b:x"), "other users are not affected");
        clock.advance(Duration.ofSeconds(24)); // 29 s after the first question
        assertEquals(IGNORE, limiter.admit("@a:x"));
        clock.advance(Duration.ofSeconds(1)); // the first question leaves the window
        assertEquals(ANSWER, limiter.admit("@a:x"));
        assertEquals(NOTIFY, limiter.admit("@a:x"), "a new window, a new notice");
    }

    @Test
    void forgetsIdleUsers() {
        for (int i = 0; i < 5_000; i++) {
            limiter.admit("@user" + i + ":x");
        }
        assertEquals(5_000, limiter.trackedUsers());
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 1_000; i++) {
            assertEquals(ANSWER, limiter.admit("@user" + i + ":x"));
        }
        // The sweep on the last of those calls forgot every idle user: only the 1,000 who asked since are left.
        assertEquals(1_000, limiter.trackedUsers(), "idle users not forgotten");
    }
}
