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

    /** What a run measured. Latencies in nanoseconds. */
    record Result(String label, long sent, long ok, long errors, Map<String, Long> errorKinds, Histogram latency,
                  double seconds) {
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
        this.port = port;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                .setMaxPoolSize(connections).setMaxWaitQueueSize(-1).setTcpNoDelay(true));
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
        long count = Math.round(rate * seconds);
        Run run = new Run(label, count);
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
        Run run = new Run(label, maxCount);
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
                    if (done.succeeded() && done.result() == null) {
                        run.ok++;
                        run.latency.recordValue(Math.min(now - intended, run.latency.getHighestTrackableValue()));
                    } else {
                        run.error(done.succeeded() ? done.result() : done.cause().getClass().getSimpleName());
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
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
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

        Run(String label, long count) {
            this.label = label;
            this.count = count;
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
            done.complete(new Result(label, sent, ok, errors, Map.copyOf(errorKinds), latency.copy(),
                    Math.max(1e-9, (end - start) / 1e9)));
        }

        Result await() {
            return done.join();
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
