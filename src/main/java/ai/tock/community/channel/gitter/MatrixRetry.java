package ai.tock.community.channel.gitter;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one retry policy of the Matrix calls, from Failsafe: network errors, 5xx and unreadable answers are retried
 * with exponential back-off and jitter; a 429 waits what the server asks ({@code Retry-After} or
 * {@code retry_after_ms}), capped; a rejected token and a stop end a call at once. Waits are scheduled by Failsafe,
 * never slept on a caller's thread.
 */
final class MatrixRetry implements AutoCloseable {

    /**
     * How one kind of call is retried.
     *
     * @param maxAttempts -1 for no limit
     * @param giveUpAfter null for no limit
     * @param refusalsToo also retry 4xx answers (final for a join, not for the calls the channel cannot live without)
     */
    record Limits(int maxAttempts, Duration giveUpAfter, boolean refusalsToo) {
        static final Limits FOREVER = new Limits(-1, null, false);

        static Limits attempts(int maxAttempts) {
            return new Limits(maxAttempts, null, false);
        }
    }

    private static final Logger logger = LoggerFactory.getLogger(MatrixRetry.class);
    /** Every wait is drawn within ±25 % of its nominal value, so that clients failing together do not retry together. */
    private static final double JITTER = 0.25;

    private final GitterTimings timings;
    /** Told of each failed attempt, with the wait before the next (null after the last). */
    private final BiConsumer<String, Duration> onFailedAttempt;
    private final Consumer<MatrixException> onTokenRejected;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    MatrixRetry(GitterTimings timings, BiConsumer<String, Duration> onFailedAttempt, Consumer<MatrixException> onTokenRejected) {
        this.timings = timings;
        this.onFailedAttempt = onFailedAttempt;
        this.onTokenRejected = onTokenRejected;
    }

    /** Runs a call in the background until it succeeds or is given up; one WARN line says why it was given up. */
    <T> CompletableFuture<T> call(String operation, Limits limits, Supplier<CompletableFuture<T>> call) {
        if (stopped) {
            return CompletableFuture.failedFuture(new CancellationException("stopping"));
        }
        CompletableFuture<T> future = Failsafe.with(this.<T>policy(operation, limits, onFailedAttempt)).getStageAsync(call::get);
        inFlight.add(future);
        future.whenComplete((value, failure) -> {
            inFlight.remove(future);
            Throwable cause = cause(failure);
            if (cause == null || stopped || cause instanceof CancellationException) {
                return;
            }
            if (cause instanceof MatrixException matrix && matrix.isTokenRejected()) {
                onTokenRejected.accept(matrix);
                return;
            }
            onFailedAttempt.accept(operation, null);
            logger.warn(retryable(cause, limits.refusalsToo()) ? "Gitter {} given up: {}" : "Gitter {} refused: {}", operation,
                    problem(cause));
        });
        return future;
    }

    /** Runs local work on the caller's thread, again after a back-off while it throws; then throws its last failure. */
    void repeat(String work, int maxAttempts, Runnable action) {
        Failsafe.with(policy(work, Limits.attempts(maxAttempts), (what, wait) -> { })).run(action::run);
    }

    /** Ends every call at once: no attempt starts after this, and pending waits are cancelled. */
    @Override
    public void close() {
        stopped = true;
        inFlight.forEach(future -> future.cancel(true));
    }

    private <T> RetryPolicy<T> policy(String operation, Limits limits, BiConsumer<String, Duration> onRetry) {
        RetryPolicyBuilder<T> policy = RetryPolicy.<T>builder()
                .handleIf(failure -> retryable(cause(failure), limits.refusalsToo())).abortIf((result, failure) -> stopped)
                .withMaxRetries(limits.maxAttempts() < 0 ? -1 : limits.maxAttempts() - 1)
                .withBackoff(timings.initialBackoff(), timings.maxBackoff()).withJitter(JITTER)
                .withDelayFn(context -> serverWait(cause(context.getLastException())))
                .onRetryScheduled(event -> {
                    onRetry.accept(operation, event.getDelay());
                    logger.warn("Gitter {} failed ({}); retrying in {} ms", operation, problem(event.getLastException()),
                            event.getDelay().toMillis());
                });
        if (limits.giveUpAfter() != null) {
            policy.withMaxDuration(limits.giveUpAfter());
        }
        return policy.build();
    }

    private boolean retryable(Throwable cause, boolean refusalsToo) {
        if (cause instanceof MatrixException matrix) {
            return !matrix.isTokenRejected() && (matrix.isTransient() || refusalsToo);
        }
        // Network errors, and the HTTP stack failing in any other way; a cancelled call is the stop, not a failure.
        return !stopped && !(cause instanceof CancellationException);
    }

    /**
     * The wait a 429 asks for, capped; negative (our own back-off) when it does not say. Asked for a little longer,
     * so that the jitter never brings it under what the server asked.
     */
    private Duration serverWait(Throwable cause) {
        if (cause instanceof MatrixException matrix && matrix.retryAfterMs().isPresent()) {
            long asked = Math.min(matrix.retryAfterMs().getAsLong(), timings.maxRetryAfter().toMillis());
            return Duration.ofMillis((long) Math.ceil(asked / (1 - JITTER)));
        }
        return Duration.ofMillis(-1);
    }

    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof FailsafeException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A MatrixException's message says it all; any other failure is named by its class. */
    private static String problem(Throwable failure) {
        Throwable cause = cause(failure);
        String message = cause.getMessage();
        return cause instanceof MatrixException ? message : cause.getClass().getSimpleName() + ": " + message;
    }
}
