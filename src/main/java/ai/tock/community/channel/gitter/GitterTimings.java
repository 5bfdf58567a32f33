package ai.tock.community.channel.gitter;

import java.time.Duration;

/**
 * How long the channel waits for what.
 *
 * @param syncTimeout     how long the homeserver may hold a /sync long-poll
 * @param initialBackoff  first wait after a network error or a 5xx; it doubles on each failure in a row
 * @param maxBackoff      the longest wait after network errors and 5xx
 * @param maxRetryAfter   the longest wait we accept from a 429's Retry-After / retry_after_ms (the jitter may add up to 2/3)
 * @param sendGiveUpAfter how long a reply is retried before it is dropped
 * @param stopGrace       how long {@code stop()} waits for the sync thread and the replies on their way
 */
public record GitterTimings(Duration syncTimeout, Duration initialBackoff, Duration maxBackoff,
                            Duration maxRetryAfter, Duration sendGiveUpAfter, Duration stopGrace) {

    public static GitterTimings defaults() {
        return new GitterTimings(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofSeconds(5));
    }
}
