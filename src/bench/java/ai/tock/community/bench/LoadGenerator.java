package ai.tock.community.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * HTTP load on {@code POST /web} of a server on 127.0.0.1, from one Vert.x event loop (all the
 * bookkeeping is on that thread). Two shapes:
 * <ul>
 *   <li>open loop at a fixed rate: request i is due at start + i/rate and its latency is measured
 *       from that intended time, so a stalled server is charged for the requests it delayed
 *       (no coordinated omission);</li>
 *   <li>closed loop with N requests in flight, for the maximum throughput.</li>
 * </ul>
 * Every run is bounded in count and in time and stops by itself: what is still unanswered at the
 * deadline is counted as an error.
 */
final class LoadGenerator implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final long REQUEST_TIMEOUT_MS = 10_000;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One window of a run: the answers that arrived in it and their latencies. */
    record Window(double fromSeconds, double seconds, long ok, long errors, Histogram latency) {
        double throughput() {
            return ok / seconds;
        }

        double ms(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    /** What a run measured. Latencies in nanoseconds; windows when the run was cut into them. */
    record Result(String label, long sent, long ok, long errors, Map<String, Long> errorKinds, Histogram latency,
                  double seconds, List<Window> windows) {
        double throughput() {
            return ok / seconds;
        }

        double ms(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
        }

        String line() {
            return String.format("%-34s sent %8d  ok %8d  errors %5d  %8.0f msg/s  p50 %7.2f ms  p99 %8.2f ms  p99.9 %8.2f ms  max %8.2f ms%s",
                    label, sent, ok, errors, throughput(), ms(50), ms(99), ms(99.9),
                    latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1e6,
                    errorKinds.isEmpty() ? "" : "  " + errorKinds);
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Context context;
    private final int port;
    private final String[] bodyPrefixes;

    LoadGenerator(int port, List<Questions.Question> questions, int connections) {
        this(port, questions, connections, null);
    }

    /** @param localAddress the address to connect from (another loopback address plays another client), or null */
    LoadGenerator(int port, List<Questions.Question> questions, int connections, String localAddress) {
        this.port = port;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        // Idle pooled connections are closed by the client after 30 s, before the bot's BOT_IDLE_TIMEOUT (60 s) would:
        // a request sent on a connection the server is closing would fail (the wait between phases can reach 60 s).
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(30).setPipelining(false)
                .setMaxPoolSize(connections).setMaxWaitQueueSize(-1).setTcpNoDelay(true).setLocalAddress(localAddress));
        this.context = vertx.getOrCreateContext();
        this.bodyPrefixes = new String[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            Questions.Question q = questions.get(i);
            try {
                bodyPrefixes[i] = "{\"query\":" + JSON.writeValueAsString(q.text()) + ",\"locale\":\"" + q.locale() + "\",\"userId\":\"";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The i-th request: questions in their shuffled order, users round-robin (never two turns of one user at once). */
    Buffer body(long i, String userPrefix, int users) {
        return Buffer.buffer(bodyPrefixes[(int) (i % bodyPrefixes.length)] + userPrefix + (i % users) + "\"}");
    }

    /** Open loop: {@code rate} requests per second for {@code seconds}. */
    Result fixedRate(String label, int rate, double seconds, String userPrefix, int users) {
        return fixedRate(label, rate, seconds, 0, userPrefix, users);
    }

    /** The same, its answers also counted per window of {@code windowSeconds} (by intended send time); 0 for none. */
    Result fixedRate(String label, int rate, double seconds, double windowSeconds, String userPrefix, int users) {
        long count = Math.round(rate * seconds);
        Run run = new Run(label, count, windowSeconds, seconds);
        context.runOnContext(v -> {
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime() + 5_000_000L;
            run.start = start;
            run.deadline = start + (long) (seconds * 1e9) + DRAIN_NANOS;
            vertx.setPeriodic(1, timer -> {
                long now = System.nanoTime();
                while (run.sent < count && start + run.sent * interval <= now) {
                    long intended = start + run.sent * interval;
                    send(run, body(run.sent, userPrefix, users), intended, null);
                    run.sent++;
                }
                if (run.sent >= count) {
                    vertx.cancelTimer(timer);
                }
            });
            watch(run);
        });
        return run.await();
    }

    /** Closed loop: {@code inFlight} requests always outstanding, until {@code maxCount} are sent or {@code seconds} pass. */
    Result closedLoop(String label, int inFlight, long maxCount, double seconds, String userPrefix, int users) {
        return closedLoop(label, inFlight, maxCount, seconds, 0, userPrefix, users);
    }

    /** The same, its answers also counted per window of {@code windowSeconds} (by arrival); 0 for none. */
    Result closedLoop(String label, int inFlight, long maxCount, double seconds, double windowSeconds, String userPrefix, int users) {
        Run run = new Run(label, maxCount, windowSeconds, seconds);
        context.runOnContext(v -> {
            run.start = System.nanoTime();
            run.sendUntil = run.start + (long) (seconds * 1e9);
            run.deadline = run.sendUntil + DRAIN_NANOS;
            for (int i = 0; i < inFlight; i++) {
                next(run, userPrefix, users);
            }
            watch(run);
        });
        return run.await();
    }

    private void next(Run run, String userPrefix, int users) {
        if (run.sent >= run.count || System.nanoTime() >= run.sendUntil) {
            run.closed = true;
            run.finishIfDone();
            return;
        }
        long i = run.sent++;
        send(run, body(i, userPrefix, users), System.nanoTime(), () -> next(run, userPrefix, users));
    }

    private void send(Run run, Buffer body, long intended, Runnable then) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(HOST).setPort(port)
                .setURI("/web").setTimeout(REQUEST_TIMEOUT_MS).putHeader("Content-Type", "application/json");
        client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> response.statusCode() == 200 && looksAnswered(b)
                        ? null : "HTTP " + response.statusCode()))
                .onComplete(done -> {
                    if (run.finished) {
                        return;
                    }
                    long now = System.nanoTime();
                    // An open loop's window is the one the request was due in; a closed loop's, the one it ended in.
                    long windowTime = then == null ? intended : now;
                    if (done.succeeded() && done.result() == null) {
                        run.ok++;
                        run.record(windowTime, Math.min(now - intended, run.latency.getHighestTrackableValue()));
                    } else {
                        run.error(done.succeeded() ? done.result() : done.cause().getClass().getSimpleName());
                        run.windowError(windowTime);
                    }
                    run.lastDone = now;
                    if (then != null) {
                        then.run();
                    } else {
                        run.finishIfDone();
                    }
                });
    }

    private static boolean looksAnswered(Buffer body) {
        String text = body.toString();
        return text.startsWith("{\"responses\":[{");
    }

    /** Ends the run at its deadline whatever is still in flight. */
    private void watch(Run run) {
        vertx.setPeriodic(100, timer -> {
            if (run.finished) {
                vertx.cancelTimer(timer);
            } else if (System.nanoTime() > run.deadline) {
                vertx.cancelTimer(timer);
                long unanswered = run.sent - run.ok - run.errors;
                run.errors += unanswered;
                run.errorKinds.merge("unanswered at deadline", unanswered, Long::sum);
                run.finish();
            }
        });
    }

    /** State of one run; touched only on the generator's event loop until {@link #done} completes. */
    private static final class Run {
        final String label;
        final long count;
        final long windowNanos;
        final int lastWindow; // answers that arrive while the run drains count in its last window
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final List<Histogram> windowLatency = new ArrayList<>();
        final List<long[]> windowCounts = new ArrayList<>(); // {ok, errors}
        final Map<String, Long> errorKinds = new TreeMap<>();
        final CompletableFuture<Result> done = new CompletableFuture<>();
        long start;
        long sendUntil = Long.MAX_VALUE;
        long deadline;
        long sent;
        long ok;
        long errors;
        long lastDone;
        boolean closed;
        boolean finished;

        Run(String label, long count, double windowSeconds, double seconds) {
            this.label = label;
            this.count = count;
            this.windowNanos = (long) (windowSeconds * 1e9);
            this.lastWindow = windowSeconds <= 0 ? 0 : Math.max(0, (int) Math.ceil(seconds / windowSeconds - 1e-9) - 1);
        }

        void record(long at, long nanos) {
            latency.recordValue(nanos);
            int window = window(at);
            if (window >= 0) {
                windowLatency.get(window).recordValue(nanos);
                windowCounts.get(window)[0]++;
            }
        }

        void windowError(long at) {
            int window = window(at);
            if (window >= 0) {
                windowCounts.get(window)[1]++;
            }
        }

        private int window(long at) {
            if (windowNanos <= 0) {
                return -1;
            }
            int window = (int) Math.min(lastWindow, Math.max(0, at - start) / windowNanos);
            while (windowLatency.size() <= window) {
                windowLatency.add(new Histogram(TimeUnit.SECONDS.toNanos(60), 3));
                windowCounts.add(new long[2]);
            }
            return window;
        }

        void error(String kind) {
            errors++;
            errorKinds.merge(kind, 1L, Long::sum);
        }

        void finishIfDone() {
            boolean allSent = sent >= count || closed;
            if (allSent && ok + errors >= sent && !finished) {
                finish();
            }
        }

        void finish() {
            finished = true;
            long end = lastDone == 0 ? System.nanoTime() : lastDone;
            double seconds = Math.max(1e-9, (end - start) / 1e9);
            List<Window> windows = new ArrayList<>();
            for (int i = 0; i < windowLatency.size(); i++) {
                double from = i * windowNanos / 1e9;
                windows.add(new Window(from, i == lastWindow ? Math.max(1e-9, seconds - from) : windowNanos / 1e9,
                        windowCounts.get(i)[0], windowCounts.get(i)[1], windowLatency.get(i).copy()));
            }
            done.complete(new Result(label, sent, ok, errors, Map.copyOf(errorKinds), latency.copy(), seconds, List.copyOf(windows)));
        }

        Result await() {
            return done.join();
        }
    }

    /**
     * One user sends three questions at once (each on a connection of its own), {@code trials} times in
     * turn, each trial with a new user: the latency of the first answer, and the gap between each answer
     * and the previous one (what the user waits for the second and third answers).
     */
    SameUser sameUser(int trials, String userPrefix) {
        Histogram first = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram gaps = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long[] errors = {0};
        Map<String, Long> errorKinds = new TreeMap<>();
        CompletableFuture<SameUser> done = new CompletableFuture<>();
        context.runOnContext(v -> sameUserTrial(0, trials, userPrefix, first, gaps, errors, errorKinds, done));
        return done.join();
    }

    /** Latencies in nanoseconds. */
    record SameUser(int trials, long errors, Histogram first, Histogram gaps, Map<String, Long> errorKinds) {
        double ms(Histogram histogram, double percentile) {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e6;
        }

        String line() {
            return String.format("same user, 3 questions at once x %d: first answer p50 %.2f ms p99 %.2f ms; "
                    + "gap to the previous answer p50 %.2f ms p99 %.2f ms max %.2f ms; errors %d%s", trials, ms(first, 50), ms(first, 99),
                    ms(gaps, 50), ms(gaps, 99), gaps.getTotalCount() == 0 ? Double.NaN : gaps.getMaxValue() / 1e6, errors,
                    errorKinds.isEmpty() ? "" : " " + errorKinds);
        }
    }

    private void sameUserTrial(int trial, int trials, String userPrefix, Histogram first, Histogram gaps, long[] errors,
                               Map<String, Long> errorKinds, CompletableFuture<SameUser> done) {
        if (trial == trials) {
            done.complete(new SameUser(trials, errors[0], first.copy(), gaps.copy(), Map.copyOf(errorKinds)));
            return;
        }
        long sent = System.nanoTime();
        long[] answeredAt = new long[3];
        int[] answered = {0};
        for (int i = 0; i < 3; i++) {
            int n = i;
            Buffer body = body(trial * 3L + i, userPrefix + trial + "-", 1);
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(HOST).setPort(port)
                    .setURI("/web").setTimeout(REQUEST_TIMEOUT_MS).putHeader("Content-Type", "application/json");
            client.request(options).compose(request -> request.send(body))
                    .compose(response -> response.body().map(b -> response.statusCode() == 200 && looksAnswered(b)
                            ? null : "HTTP " + response.statusCode()))
                    .onComplete(result -> {
                        answeredAt[n] = System.nanoTime();
                        if (!result.succeeded() || result.result() != null) {
                            errors[0]++;
                            errorKinds.merge(result.succeeded() ? result.result() : result.cause().getClass().getSimpleName(), 1L, Long::sum);
                        }
                        if (++answered[0] == 3) {
                            java.util.Arrays.sort(answeredAt);
                            first.recordValue(answeredAt[0] - sent);
                            gaps.recordValue(answeredAt[1] - answeredAt[0]);
                            gaps.recordValue(answeredAt[2] - answeredAt[1]);
                            sameUserTrial(trial + 1, trials, userPrefix, first, gaps, errors, errorKinds, done);
                        }
                    });
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
