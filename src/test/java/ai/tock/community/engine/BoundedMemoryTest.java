package ai.tock.community.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.bot.engine.user.PlayerId;
import ai.tock.bot.engine.user.PlayerType;
import ai.tock.bot.engine.user.UserTimeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The open internet can send any number of user ids: what the bot keeps per user stays bounded. */
class BoundedMemoryTest {

    @Test
    void a_million_distinct_users_keep_at_most_the_configured_count() {
        InMemoryTimelines timelines = new InMemoryTimelines(1_000, Duration.ofMinutes(30), Clock.systemUTC());
        for (int i = 0; i < 1_000_000; i++) {
            PlayerId user = new PlayerId("user-" + i, PlayerType.user, null);
            timelines.save(timelines.loadWithoutDialogs("community", user), "community");
        }
        assertEquals(1_000, timelines.size());
        PlayerId recent = new PlayerId("user-999999", PlayerType.user, null);
        UserTimeline kept = timelines.loadWithoutDialogs("community", recent);
        assertSame(kept, timelines.loadWithoutDialogs("community", recent), "the most recent users are the ones kept");
    }

    @Test
    void idle_users_are_forgotten_after_the_idle_time() {
        AtomicLong now = new AtomicLong(0);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        InMemoryTimelines timelines = new InMemoryTimelines(1_000, Duration.ofMinutes(30), clock);
        PlayerId user = new PlayerId("idle", PlayerType.user, null);
        UserTimeline first = timelines.loadWithoutDialogs("community", user);
        timelines.save(first, "community");
        now.addAndGet(Duration.ofMinutes(31).toMillis());
        assertNotSame(first, timelines.loadWithoutDialogs("community", user));
        assertTrue(timelines.size() == 0);
    }
}
