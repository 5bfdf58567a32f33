package ai.tock.community.channel.gitter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most N questions per user in a sliding window. The first refused question gets one polite notice;
 * the next ones get silence until the window has room again.
 */
final class GitterRateLimiter {

    enum Decision { ANSWER, NOTIFY, IGNORE }

    /** Forgetting idle users now and then keeps memory bounded whatever the number of askers. */
    private static final int SWEEP_EVERY = 1_000;

    private final int maxQuestions;
    private final Duration window;
    private final Clock clock;
    private final Map<String, UserWindow> users = new HashMap<>();
    private int callsSinceSweep;

    private static final class UserWindow {
        final Deque<Instant> answered = new ArrayDeque<>();
        Instant silentUntil = Instant.MIN;
    }

    GitterRateLimiter(int maxQuestions, Duration window, Clock clock) {
        this.maxQuestions = maxQuestions;
        this.window = window;
        this.clock = clock;
    }

    synchronized Decision admit(String userId) {
        Instant now = clock.instant();
        if (++callsSinceSweep >= SWEEP_EVERY) {
            sweep(now);
        }
        UserWindow user = users.computeIfAbsent(userId, id -> new UserWindow());
        forgetOld(user, now);
        if (user.answered.size() < maxQuestions) {
            user.answered.addLast(now);
            return Decision.ANSWER;
        }
        if (now.isBefore(user.silentUntil)) {
            return Decision.IGNORE;
        }
        // Silent until the oldest answered question leaves the window.
        user.silentUntil = user.answered.peekFirst().plus(window);
        return Decision.NOTIFY;
    }

    /** Users currently remembered; lets tests see that idle ones are forgotten. */
    synchronized int trackedUsers() {
        return users.size();
    }

    private void forgetOld(UserWindow user, Instant now) {
        Instant horizon = now.minus(window);
        while (!user.answered.isEmpty() && !user.answered.peekFirst().isAfter(horizon)) {
            user.answered.removeFirst();
        }
    }

    private void sweep(Instant now) {
        callsSinceSweep = 0;
        users.values().removeIf(user -> {
            forgetOld(user, now);
            return user.answered.isEmpty() && !now.isBefore(user.silentUntil);
        });
    }
}
