package ai.tock.community.channel.gitter;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitterBackoffTest {

    @Test
    void doublesWithJitterAndNeverExceedsOneMinute() {
        GitterBackoff backoff = new GitterBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new Random(42));
        long ceiling = 1_000;
        for (int failure = 0; failure < 40; failure++) {
            long wait = backoff.next().toMillis();
            long expected = Math.min(ceiling, 60_000);
            assertTrue(wait >= expected / 2 && wait <= expected, "failure " + failure + ": " + wait);
            ceiling *= 2;
            ceiling = Math.min(ceiling, 1L << 40);
        }
        backoff.reset();
        assertTrue(backoff.next().toMillis() <= 1_000);
    }

    @Test
    void honoursTheWaitA429AsksForWithinBounds() {
        GitterBackoff backoff = new GitterBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new Random(1));
        assertEquals(Duration.ofMillis(2_500), backoff.afterRateLimit(new MatrixException(429, "M_LIMIT_EXCEEDED", 2_500, "x"), Duration.ofMinutes(5)));
        assertEquals(Duration.ofMinutes(5), backoff.afterRateLimit(new MatrixException(429, "M_LIMIT_EXCEEDED", 3_600_000, "x"), Duration.ofMinutes(5)));
        long own = backoff.afterRateLimit(new MatrixException(429, "M_LIMIT_EXCEEDED", -1, "x"), Duration.ofMinutes(5)).toMillis();
        assertTrue(own > 0 && own <= 60_000);
    }
}
