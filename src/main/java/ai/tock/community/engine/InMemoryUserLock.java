package ai.tock.community.engine;

import ai.tock.bot.engine.user.UserLock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One turn at a time per user, as Tock's Mongo lock does. A lock left by a crashed turn expires,
 * so a user is never locked out for good.
 */
public final class InMemoryUserLock implements UserLock {

    private static final Duration EXPIRY = Duration.ofSeconds(10);

    private final ConcurrentHashMap<String, Long> lockedSince = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryUserLock(Clock clock) {
        this.clock = clock;
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
        return acquired[0];
    }

    @Override
    public void releaseLock(String userId) {
        lockedSince.remove(userId);
    }
}
