package ai.tock.community.channel.gitter;

import java.time.Duration;
import java.util.Random;

/** Exponential back-off with jitter, so that many clients failing together do not retry together. */
final class GitterBackoff {

    private final Duration initial;
    private final Duration max;
    private final Random random;
    private int failuresInARow;

    GitterBackoff(Duration initial, Duration max, Random random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    GitterBackoff(GitterTimings timings) {
        this(timings.initialBackoff(), timings.maxBackoff(), new Random());
    }

    /** The wait before the next attempt: between half and all of initial × 2^failures, never above max. */
    Duration next() {
        long ceiling = max.toMillis();
        long base = Math.min(ceiling, initial.toMillis() << Math.min(failuresInARow, 30));
        failuresInARow++;
        long half = base / 2;
        return Duration.ofMillis(half + (base - half == 0 ? 0 : random.nextLong(base - half + 1)));
    }

    /** The wait a 429 asks for, bounded; our own back-off when it does not say. */
    Duration afterRateLimit(MatrixException e, Duration maxRetryAfter) {
        if (e.retryAfterMs().isPresent()) {
            failuresInARow++;
            return Duration.ofMillis(Math.min(e.retryAfterMs().getAsLong(), maxRetryAfter.toMillis()));
        }
        return next();
    }

    void reset() {
        failuresInARow = 0;
    }
}
