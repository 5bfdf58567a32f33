package ai.tock.community.channel.gitter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The Gitter channel's own thread: whoami, joins, sync filter, then /sync long-polls until stopped, every call
 * through the channel's {@link MatrixRetry}; a rejected token ends it. A batch whose handling fails is handed again
 * a few times, then given up to the listener, which says what it leaves unanswered.
 */
final class GitterSyncLoop implements Runnable {

    /** What the loop hands over to the connector. */
    interface Listener {
        void onConnected(String botUserId, Optional<String> displayName);

        /**
         * @param since where the batch starts: null for the very first sync, whose backlog is not answered
         * @throws RuntimeException when part of the batch could not be handled: it is handed again
         */
        void onBatch(MatrixJson.Sync batch, String since);

        /** The batch still failed on its last attempt: the loop moves past it. */
        void onBatchAbandoned(MatrixJson.Sync batch, RuntimeException lastFailure);
    }

    private static final Logger logger = LoggerFactory.getLogger(GitterSyncLoop.class);
    private static final int JOIN_ATTEMPTS = 5;
    private static final int FILTER_ATTEMPTS = 3;
    private static final int BATCH_ATTEMPTS = 3;

    private final MatrixClient client;
    private final MatrixRetry retry;
    private final List<String> rooms;
    private final GitterTimings timings;
    private final Listener listener;
    private volatile String since;
    private volatile boolean stopped;
    private volatile CompletableFuture<?> inFlight;

    /** @param since the saved position, or null on the very first start (its backlog is not answered) */
    GitterSyncLoop(MatrixClient client, MatrixRetry retry, List<String> rooms, String since, GitterTimings timings, Listener listener) {
        this.client = client;
        this.retry = retry;
        this.rooms = rooms;
        this.since = since;
        this.timings = timings;
        this.listener = listener;
    }

    @Override
    public void run() {
        // Without whoami the channel cannot tell its own messages: asked until it answers, refusals too.
        String me = await("whoami", new MatrixRetry.Limits(-1, null, true), client::whoami);
        if (me == null) {
            return;
        }
        // Best effort: without it, the bot still answers to its localpart and to real mentions.
        listener.onConnected(me, client.displayName(me).exceptionally(unknown -> Optional.empty()).join());
        for (String room : rooms) {
            if (await("join " + room, MatrixRetry.Limits.attempts(JOIN_ATTEMPTS), () -> client.join(room)) != null) {
                logger.info("Gitter room {} joined", room);
            }
        }
        String filterId = await("filter", MatrixRetry.Limits.attempts(FILTER_ATTEMPTS), () -> client.createFilter(me, syncFilter()));
        logger.info("Gitter channel listening as {}{}", me, since == null ? " (first start: the backlog is not answered)" : "");
        while (!stopped) {
            String position = since;
            String filter = filterId;
            // A refusal with a filter is most likely a filter the server forgot: it is dropped. Without one, retried.
            MatrixJson.Sync batch = await("sync", new MatrixRetry.Limits(-1, null, filter == null),
                    () -> client.sync(filter, position, timings.syncTimeout()));
            if (batch == null) {
                filterId = null;
                continue;
            }
            try {
                retry.repeat("handling of sync batch " + batch.nextBatch(), BATCH_ATTEMPTS, () -> listener.onBatch(batch, position));
            } catch (RuntimeException e) {
                if (stopped) {
                    return; // not moved past: a restart reads this batch again, and txn ids keep answers single
                }
                listener.onBatchAbandoned(batch, e);
            }
            since = batch.nextBatch();
        }
    }

    /** Ends the loop, and the request under way, so that stopping does not wait for a long-poll to end. */
    void stop() {
        stopped = true;
        Optional.ofNullable(inFlight).ifPresent(call -> call.cancel(true));
    }

    /** The call's result, or null when it was given up, refused or stopped (the retry policy logged why). */
    private <T> T await(String operation, MatrixRetry.Limits limits, Supplier<CompletableFuture<T>> call) {
        if (stopped) {
            return null;
        }
        CompletableFuture<T> future = retry.call(operation, limits, call);
        inFlight = future;
        try {
            return MatrixClient.await(future);
        } catch (MatrixException e) {
            stopped |= e.isTokenRejected();
        } catch (RuntimeException e) {
            stopped |= retry.isStopped();
        } finally {
            inFlight = null;
        }
        return null;
    }

    /** Only what the channel reads: messages, edits, reactions, redactions, members (lazily), encryption, m.direct. */
    private static Map<String, Object> syncFilter() {
        Map<String, Object> none = Map.of("not_types", List.of("*"));
        return Map.of("presence", none, "account_data", Map.of("types", List.of("m.direct")), "room", Map.of(
                "timeline", Map.of("limit", 100, "types", List.of("m.room.message", "m.room.member", "m.room.redaction", "m.reaction",
                        "m.room.encryption")),
                "state", Map.of("lazy_load_members", true, "types", List.of("m.room.member", "m.room.encryption")),
                "ephemeral", none, "account_data", none));
    }
}
