package ai.tock.community.channel.gitter;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Sends a message until the homeserver has it. Retries keep the same transaction id, which the homeserver
 * deduplicates: a retry never shows twice.
 */
final class GitterReplySender {

    private static final Logger logger = LoggerFactory.getLogger(GitterReplySender.class);

    private final MatrixClient client;
    private final GitterTimings timings;
    private final GitterStopSignal stop;
    private final Consumer<MatrixException> onTokenRejected;
    private final Runnable onFailure;

    GitterReplySender(MatrixClient client, GitterTimings timings, GitterStopSignal stop,
                      Consumer<MatrixException> onTokenRejected, Runnable onFailure) {
        this.client = client;
        this.timings = timings;
        this.stop = stop;
        this.onTokenRejected = onTokenRejected;
        this.onFailure = onFailure;
    }

    /** Returns true once the homeserver has accepted the message; false if it was given up. */
    boolean send(String roomId, String txnId, JsonNode content) {
        GitterBackoff backoff = new GitterBackoff(timings);
        long deadline = System.nanoTime() + timings.sendGiveUpAfter().toNanos();
        for (int attempt = 1; !stop.isRaised(); attempt++) {
            GitterAttempt<String> result = GitterAttempt.run(() -> client.sendMessage(roomId, txnId, content), backoff, timings,
                    stop, future -> { });
            switch (result.outcome()) {
                case DONE:
                    return true;
                case TOKEN_REJECTED:
                    onTokenRejected.accept(result.rejection());
                    return false;
                case REFUSED:
                    logger.warn("Gitter message {} to room {} refused: {}", txnId, roomId, result.problem());
                    return false;
                case STOPPED:
                    return false;
                case RETRY:
                    break;
            }
            onFailure.run();
            Duration wait = result.delay();
            if (System.nanoTime() + wait.toNanos() > deadline) {
                logger.warn("Gitter message {} to room {} dropped after {} attempts; last problem: {}", txnId, roomId, attempt,
                        result.problem());
                return false;
            }
            logger.info("Gitter message {} not sent yet ({}); attempt {} in {} ms", txnId, result.problem(), attempt + 1, wait.toMillis());
            if (!stop.pause(wait)) {
                return false;
            }
        }
        return false;
    }
}
