package ai.tock.community.channel.gitter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One call to the homeserver and what it means for the next: done, retry after a wait (network
 * errors, 5xx, 429 with the wait it asks for), refused for good (other 4xx), token rejected, or
 * stopped. The sync loop and the reply sender retry the same way through it.
 */
record GitterAttempt<T>(Outcome outcome, T value, Duration delay, String problem, MatrixException rejection) {

    enum Outcome { DONE, RETRY, REFUSED, TOKEN_REJECTED, STOPPED }

    /**
     * @param onCall told of the call under way, so that a stop can cancel it (null when done)
     */
    static <T> GitterAttempt<T> run(Supplier<CompletableFuture<T>> call, GitterBackoff backoff, GitterTimings timings,
                                    GitterStopSignal stop, Consumer<CompletableFuture<?>> onCall) {
        try {
            CompletableFuture<T> future = call.get();
            onCall.accept(future);
            return new GitterAttempt<>(Outcome.DONE, MatrixClient.await(future), null, null, null);
        } catch (MatrixException e) {
            if (e.isTokenRejected()) {
                return new GitterAttempt<>(Outcome.TOKEN_REJECTED, null, null, e.getMessage(), e);
            }
            if (!e.isTransient()) {
                return new GitterAttempt<>(Outcome.REFUSED, null, backoff.next(), e.getMessage(), e);
            }
            Duration wait = e.isRateLimited() ? backoff.afterRateLimit(e, timings.maxRetryAfter()) : backoff.next();
            return retry(stop, wait, e.getMessage());
        } catch (IOException e) {
            return retry(stop, backoff.next(), e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (CancellationException e) {
            return retry(stop, backoff.next(), "cancelled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GitterAttempt<>(Outcome.STOPPED, null, null, "interrupted", null);
        } catch (RuntimeException e) {
            // E.g. the HTTP client refusing a call while closing: never let it end a thread by surprise.
            return retry(stop, backoff.next(), e.toString());
        } finally {
            onCall.accept(null);
        }
    }

    private static <T> GitterAttempt<T> retry(GitterStopSignal stop, Duration wait, String problem) {
        return new GitterAttempt<>(stop.isRaised() ? Outcome.STOPPED : Outcome.RETRY, null, wait, problem, null);
    }
}
