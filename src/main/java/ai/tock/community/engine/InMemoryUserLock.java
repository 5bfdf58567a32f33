package ai.tock.community.engine;

import ai.tock.bot.engine.user.UserLock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One turn at a time per user, as Tock's Mongo lock does. A lock left by a crashed turn expires,
 * so a user is never locked out for good. Tock takes the lock before a turn and releases it once the
 * turn is answered and saved; whoever queues a user's turns is told of both, so that the next turn
 * goes in when the lock is free instead of waiting for Tock's retry.
 */
public final class InMemoryUserLock implements UserLock {

    private static final Duration EXPIRY = Duration.ofSeconds(10);

    private final ConcurrentHashMap<String, Long> lockedSince = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Consumer<String> onLocked;
    private final Consumer<String> onReleased;

    /**
     * @param onLocked   told the user id when a turn takes the lock (on Tock's worker thread)
     * @param onReleased told the user id when the turn releases it
     */
    public InMemoryUserLock(Clock clock, Consumer<String> onLocked, Consumer<String> onReleased) {
        this.clock = clock;
        this.onLocked = onLocked;
        this.onReleased = onReleased;
    }

    @Override
    public boolean lock(String userId) {
        long now = clock.millis();
        boolean[] acquired = {false};
        lockedSince.compute(userId, (id, since) -> {
            if (since == null || now - since > EXPIRY.toMillis()) {
                acquired[0] = true;
                return now;
            }
            return since;
        });
        if (acquired[0]) {
            onLocked.accept(userId);
        }
        return acquired[0];
    }

    @Override
    public void releaseLock(String userId) {
        lockedSince.remove(userId);
        onReleased.accept(userId);
    }
}
