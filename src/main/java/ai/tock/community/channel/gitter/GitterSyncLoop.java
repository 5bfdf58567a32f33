package ai.tock.community.channel.gitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The Gitter channel's own thread: whoami, joins, sync filter, then /sync long-polls until stopped.
 * Network errors and 5xx are retried with back-off, 429s after the wait the server asks for;
 * a rejected token ends the loop.
 */
final class GitterSyncLoop implements Runnable {

    /** What the loop hands over to the connector. */
    interface Listener {
        void onConnected(String botUserId, Optional<String> displayName);

        /** @param initialSync true for the very first sync: its backlog is not answered */
        void onBatch(MatrixClient.SyncBatch batch, boolean initialSync);

        void onTokenRejected(MatrixException e);

        /** A call failed; it may be retried. */
        void onFailure(String operation);
    }

    private static final Logger logger = LoggerFactory.getLogger(GitterSyncLoop.class);
    private static final int JOIN_ATTEMPTS = 5;
    private static final int FILTER_ATTEMPTS = 3;

    private final MatrixClient client;
    private final List<String> rooms;
    private final GitterTimings timings;
    private final GitterStopSignal stop;
    private final Listener listener;
    private volatile String since;
    private volatile CompletableFuture<?> inFlight;

    /** Raised out of any step when the homeserver rejects the token. */
    private static final class TokenRejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final MatrixException rejection;

        TokenRejected(MatrixException rejection) {
            super(null, null, false, false);
            this.rejection = rejection;
        }
    }

    /** @param since the saved position, or null on the very first start */
    GitterSyncLoop(MatrixClient client, List<String> rooms, String since, GitterTimings timings, GitterStopSignal stop, Listener listener) {
        this.client = client;
        this.rooms = rooms;
        this.since = since;
        this.timings = timings;
        this.stop = stop;
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            MatrixClient.Whoami me = retried("whoami", client::whoami, Integer.MAX_VALUE, true);
            if (me == null) {
                return;
            }
            listener.onConnected(me.userId(), displayName(me.userId()));
            for (String room : rooms) {
                if (retried("join " + room, () -> client.join(room), JOIN_ATTEMPTS, false) != null) {
                    logger.info("Gitter room {} joined", room);
                }
            }
            String filterId = retried("filter", () -> client.createFilter(me.userId(), syncFilter()), FILTER_ATTEMPTS, false);
            logger.info("Gitter channel listening as {}{}", me.userId(), since == null ? " (first start: the backlog is not answered)" : "");
            GitterBackoff refusals = new GitterBackoff(timings);
            while (!stop.isRaised()) {
                String position = since;
                String filter = filterId;
                MatrixClient.SyncBatch batch = retried("sync", () -> client.sync(filter, position, timings.syncTimeout()), Integer.MAX_VALUE, false);
                if (batch == null) {
                    // Refused (4xx). A filter the server no longer knows is the likely cause: go on without it.
                    filterId = null;
                    if (filter == null && !stop.pause(refusals.next())) {
                        return;
                    }
                    continue;
                }
                refusals.reset();
                try {
                    listener.onBatch(batch, position == null);
                } catch (RuntimeException e) {
                    logger.error("Gitter sync batch {} not fully processed", batch.nextBatch(), e);
                }
                since = batch.nextBatch();
            }
        } catch (TokenRejected e) {
            if (!stop.isRaised()) {
                listener.onTokenRejected(e.rejection);
            }
        }
    }

    /** Best effort: without it, the bot still answers to its localpart and to real mentions. */
    private Optional<String> displayName(String userId) {
        try {
            return MatrixClient.await(client.displayName(userId));
        } catch (MatrixException | IOException | CancellationException e) {
            logger.debug("Gitter display name of {} unknown: {}", userId, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Cancels the request under way, so that stopping does not wait for a long-poll to end. */
    void cancelInFlight() {
        CompletableFuture<?> call = inFlight;
        if (call != null) {
            call.cancel(true);
        }
    }

    /**
     * Runs one call until it succeeds, the attempts run out, or the loop stops.
     *
     * @param retryRefusals also retry 4xx answers (they are final for a join, not for the loop's lifeline calls)
     * @return the result, or null when given up
     */
    private <T> T retried(String operation, Supplier<CompletableFuture<T>> call, int attempts, boolean retryRefusals) {
        GitterBackoff backoff = new GitterBackoff(timings);
        for (int attempt = 1; !stop.isRaised(); attempt++) {
            GitterAttempt<T> result = GitterAttempt.run(call, backoff, timings, stop, future -> inFlight = future);
            switch (result.outcome()) {
                case DONE:
                    return result.value();
                case TOKEN_REJECTED:
                    throw new TokenRejected(result.rejection());
                case STOPPED:
                    return null;
                case REFUSED:
                    if (stop.isRaised()) { // a refusal while stopping is the stop, not a failure to retry
                        return null;
                    }
                    if (!retryRefusals) {
                        logger.warn("Gitter {} refused: {}", operation, result.problem());
                        return null;
                    }
                    break;
                case RETRY:
                    break;
            }
            listener.onFailure(operation);
            if (attempt >= attempts) {
                logger.warn("Gitter {} given up after {} attempt(s): {}", operation, attempt, result.problem());
                return null;
            }
            logger.warn("Gitter {} failed ({}); retrying in {} ms", operation, result.problem(), result.delay().toMillis());
            if (!stop.pause(result.delay())) {
                return null;
            }
        }
        return null;
    }

    /** Only what the channel reads: messages and members, lazily loaded; no presence, receipts or account data. */
    private static JsonNode syncFilter() {
        ObjectNode filter = JsonNodeFactory.instance.objectNode();
        ObjectNode room = filter.putObject("room");
        ObjectNode timeline = room.putObject("timeline").put("limit", 100);
        timeline.putArray("types").add("m.room.message").add("m.room.member");
        ObjectNode state = room.putObject("state").put("lazy_load_members", true);
        state.putArray("types").add("m.room.member");
        room.putObject("ephemeral").putArray("not_types").add("*");
        room.putObject("account_data").putArray("not_types").add("*");
        filter.putObject("presence").putArray("not_types").add("*");
        filter.putObject("account_data").putArray("not_types").add("*");
        return filter;
    }
}
