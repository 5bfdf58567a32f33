package ai.tock.community.channel.gitter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry policy of the Matrix calls (was GitterBackoffTest and the retry loops' tests). */
class MatrixRetryTest {

    private static final GitterTimings TIMINGS = new GitterTimings(Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(1));

    /** Each failed attempt's wait before the next; null for the last. */
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final List<MatrixException> rejections = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger calls = new AtomicInteger();
    private MatrixRetry retry = retry(TIMINGS);

    @AfterEach
    void close() {
        retry.close();
    }

    @Test
    void backsOffExponentiallyWithJitterUpToTheMaximum() throws Exception {
        assertEquals("ok", retry.call("op", MatrixRetry.Limits.FOREVER, failing(6, () -> new IOException("down"))).get(5, TimeUnit.SECONDS));
        assertEquals(7, calls.get());
        long[] nominal = {10, 20, 40, 40, 40, 40};
        for (int i = 0; i < nominal.length; i++) {
            long wait = waits.get(i).toMillis();
            assertTrue(wait >= nominal[i] * 0.75 - 1 && wait <= nominal[i] * 1.25, "wait " + i + ": " + wait + " ms, nominal " + nominal[i]);
        }
    }

    @Test
    void waitsWhatA429AsksNeverLessAndNeverMoreThanTheCap() throws Exception {
        List<MatrixException> failures = List.of(new MatrixException(429, "M_LIMIT_EXCEEDED", 30, "slow down"),
                new MatrixException(429, "M_LIMIT_EXCEEDED", Long.MAX_VALUE, "much slower"),
                new MatrixException(429, "M_LIMIT_EXCEEDED", -1, "no wait said"));
        assertEquals("ok", retry.call("op", MatrixRetry.Limits.FOREVER, failing(3, () -> failures.get(calls.get() - 1)))
                .get(5, TimeUnit.SECONDS));
        assertTrue(waits.get(0).toMillis() >= 30 && waits.get(0).toMillis() <= 50, "asked 30 ms: " + waits.get(0));
        assertTrue(waits.get(1).toMillis() >= 50 && waits.get(1).toMillis() <= 84, "capped at 50 ms: " + waits.get(1));
        assertTrue(waits.get(2).toMillis() > 0 && waits.get(2).toMillis() <= 50, "our own back-off: " + waits.get(2));
    }

    @Test
    void aRejectedTokenEndsTheCallAtOnce() {
        CompletableFuture<String> call = retry.call("op", MatrixRetry.Limits.FOREVER,
                failing(100, () -> new MatrixException(401, MatrixException.UNKNOWN_TOKEN, -1, "who are you")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
        assertInstanceOf(MatrixException.class, e.getCause());
        assertEquals(1, calls.get());
        assertEquals(1, rejections.size());
    }

    @Test
    void aRefusalIsFinalUnlessRefusalsAreRetriedToo() throws Exception {
        Supplier<CompletableFuture<String>> refused = failing(2, () -> new MatrixException(400, "M_INVALID_PARAM", -1, "no"));
        assertThrows(ExecutionException.class, () -> retry.call("op", MatrixRetry.Limits.FOREVER, refused).get(5, TimeUnit.SECONDS));
        assertEquals(1, calls.get());
        assertEquals("ok", retry.call("op", new MatrixRetry.Limits(-1, null, true), refused).get(5, TimeUnit.SECONDS));
        assertEquals(3, calls.get());
    }

    @Test
    void givesUpAfterItsAttempts() {
        assertThrows(ExecutionException.class, () -> retry.call("op", MatrixRetry.Limits.attempts(3), failing(100, () -> new IOException("down")))
                .get(5, TimeUnit.SECONDS));
        assertEquals(3, calls.get());
        assertEquals(3, waits.size(), "every failed attempt is counted");
        assertEquals(null, waits.get(2), "the last is not retried");
    }

    @Test
    void closingEndsEveryCallAtOnce() throws Exception {
        retry.close();
        retry = retry(new GitterTimings(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofSeconds(1)));
        CompletableFuture<String> call = retry.call("op", MatrixRetry.Limits.FOREVER, failing(100, () -> new IOException("down")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waits.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5); // polled until the first attempt failed and a one-minute wait is scheduled
        }
        retry.close();
        assertThrows(CancellationException.class, () -> call.get(1, TimeUnit.SECONDS));
        assertEquals(1, calls.get());
        assertTrue(retry.call("op", MatrixRetry.Limits.FOREVER, failing(0, () -> new IOException())).isCompletedExceptionally(),
                "no call starts once closed");
    }

    private MatrixRetry retry(GitterTimings timings) {
        return new MatrixRetry(timings, (operation, retryIn) -> waits.add(retryIn), rejections::add);
    }

    /** A call that fails the first {@code failures} times, then answers "ok". */
    private Supplier<CompletableFuture<String>> failing(int failures, Supplier<Exception> failure) {
        return () -> calls.incrementAndGet() <= failures ? CompletableFuture.failedFuture(failure.get())
                : CompletableFuture.completedFuture("ok");
    }
}
