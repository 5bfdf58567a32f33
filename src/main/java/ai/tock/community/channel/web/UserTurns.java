package ai.tock.community.channel.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's turns go into Tock one at a time, in the order they arrived; the others wait here,
 * without a thread. Tock would refuse a turn whose user is locked by the previous one and try it again
 * after a fixed sleep (half a second): a user who sends three messages at once would get the answers
 * half a second apart, in any order. Here the next turn goes in as soon as Tock releases the user's
 * lock. Other users never wait on this user's line.
 *
 * <p>A line moves on when Tock releases the lock of its current turn ({@link #released}), or when the
 * current turn's response ends before Tock took the lock (refused by Tock, timed out, the client gone).
 * A waiting turn whose response ends (timed out, the client gone) leaves the line.
 */
final class UserTurns {

    /** A turn: its request, the context it runs on, and what lets it into Tock. */
    private static final class Turn {
        final Context context;
        final Runnable start;
        boolean locked; // Tock took the user's lock for it (changed under the line's map entry)

        Turn(Context context, Runnable start) {
            this.context = context;
            this.start = start;
        }
    }

    /** One user's turns: the one in Tock, and those waiting. Changed only inside {@code lines.compute}. */
    private static final class Line {
        Turn current;
        final ArrayDeque<Turn> waiting = new ArrayDeque<>();
    }

    private final Map<String, Line> lines = new ConcurrentHashMap<>();
    private final int maxWaiting;

    /** @param maxWaiting turns one user may have waiting behind the one in Tock */
    UserTurns(int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }

    /**
     * Lets the turn in now if the user has none in Tock, else queues it.
     *
     * @param start runs the turn (on its request's context): settles what depends on the previous turn, then
     *              hands the request to Tock
     * @return false when the user already has {@code maxWaiting} turns waiting: the caller refuses it
     */
    boolean submit(String userId, RoutingContext ctx, Runnable start) {
        Turn turn = new Turn(Vertx.currentContext(), start);
        boolean[] admitted = {false};
        boolean[] now = {false};
        lines.compute(userId, (id, line) -> {
            Line l = line == null ? new Line() : line;
            if (l.current == null) {
                l.current = turn;
                admitted[0] = now[0] = true;
            } else if (l.waiting.size() < maxWaiting) {
                l.waiting.add(turn);
                admitted[0] = true;
            }
            return l.current == null && l.waiting.isEmpty() ? null : l;
        });
        if (!admitted[0]) {
            return false;
        }
        ctx.addEndHandler(done -> ended(userId, turn));
        if (now[0]) {
            start.run();
        }
        return true;
    }

    /** Tock took the user's lock: the current turn is in, and its release will move the line. */
    void locked(String userId) {
        lines.computeIfPresent(userId, (id, line) -> {
            if (line.current != null) {
                line.current.locked = true;
            }
            return line;
        });
    }

    /** Tock released the user's lock: the turn is answered and saved; the next one goes in. */
    void released(String userId) {
        Turn[] next = {null};
        lines.computeIfPresent(userId, (id, line) -> {
            next[0] = line.waiting.poll();
            line.current = next[0];
            return line.current == null ? null : line;
        });
        startLater(next[0]);
    }

    /** A turn's response ended: it leaves its line; if it was in without Tock's lock, the next one goes in. */
    private void ended(String userId, Turn turn) {
        Turn[] next = {null};
        lines.computeIfPresent(userId, (id, line) -> {
            if (line.current == turn) {
                if (turn.locked) {
                    return line; // Tock still holds the lock: its release moves the line
                }
                next[0] = line.waiting.poll();
                line.current = next[0];
            } else {
                line.waiting.remove(turn);
            }
            return line.current == null && line.waiting.isEmpty() ? null : line;
        });
        startLater(next[0]);
    }

    private static void startLater(Turn turn) {
        if (turn != null) {
            turn.context.runOnContext(v -> turn.start.run());
        }
    }

    /** Users with a turn in Tock or waiting; lets tests see that lines are dropped once empty. */
    int users() {
        return lines.size();
    }

    /** The user's turns waiting behind the one in Tock; lets tests see the line. */
    int waiting(String userId) {
        int[] waiting = {0};
        lines.computeIfPresent(userId, (id, line) -> {
            waiting[0] = line.waiting.size();
            return line;
        });
        return waiting[0];
    }
}
