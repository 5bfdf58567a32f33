package ai.tock.community;

import ai.tock.community.content.Content;
import ai.tock.community.content.Language;
import ai.tock.community.content.Story;
import ai.tock.community.shared.TurnMetadata;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's own questions, sent to its own {@code POST /web} over 127.0.0.1 once the models are
 * trained and before {@code /readyz} says ready: the JIT compiles the whole turn (HTTP, the guard,
 * Tock's engine and web connector, the classifier, the stories) under a closed loop, instead of under
 * the first users' load. It runs until the JIT settles (it compiled little in the last two seconds), at
 * least {@link #MIN} and at most the configured time ({@code BOT_WARMUP_SECONDS}).
 *
 * <p>Its requests carry a secret header (this process's {@link #token()}) that the web channel believes
 * only from 127.0.0.1: no rate limit holds them back, and the turn log, the metrics and the unanswered
 * questions leave them out. Users asking meanwhile are answered as usual.
 */
final class WarmUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    static final Duration MIN = Duration.ofSeconds(3);
    private static final int MAX_IN_FLIGHT = 32;
    private static final Duration WINDOW = Duration.ofSeconds(1);
    // Settled: the JIT compiled for less than this share of a window, two windows in a row.
    private static final double SETTLED_SHARE = 0.10;

    private final Duration max;
    private final int inFlight;
    private final String token;
    private final List<Buffer> bodies;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile boolean stopping;
    private HttpClient client;

    /**
     * @param max            the longest it may run; zero for none (ready as soon as trained)
     * @param maxConnections connections it may open (it stays under the per-address limit)
     * @param content        the questions come from its stories, in both languages
     */
    WarmUp(Duration max, int maxConnections, Content content) {
        this.max = max;
        this.inFlight = Math.max(1, Math.min(MAX_IN_FLIGHT, maxConnections));
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
        this.bodies = bodies(content);
    }

    /** The secret of the warm-up's requests. */
    String token() {
        return token;
    }

    /** The user ids of the warm-up's turns start with this. */
    String userPrefix() {
        return "warm-up-" + token + "-";
    }

    /** Completes when the warm-up is over (done, cut short, or off). */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /**
     * Starts the warm-up against the bot on {@code port}, in the background, on the bot's own Vert.x
     * (Tock's): no threads or buffer pools of its own that would stay in memory after it.
     */
    void start(Vertx vertx, int port) {
        if (max.isZero() || bodies.isEmpty()) {
            finished.complete(null);
            return;
        }
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(inFlight)
                .setTcpNoDelay(true).setDefaultHost("127.0.0.1").setDefaultPort(port));
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long startNanos = System.nanoTime();
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[] next = {0};
        vertx.runOnContext(v -> {
            for (int slot = 0; slot < inFlight; slot++) {
                ask(slot, next, answered, failed);
            }
        });
        long[] lastCompileMillis = {jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0};
        int[] quietWindows = {0};
        vertx.setPeriodic(WINDOW.toMillis(), timer -> {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            boolean settled = false;
            if (jit.isCompilationTimeMonitoringSupported()) {
                long compiled = jit.getTotalCompilationTime();
                quietWindows[0] = compiled - lastCompileMillis[0] < SETTLED_SHARE * WINDOW.toMillis() ? quietWindows[0] + 1 : 0;
                lastCompileMillis[0] = compiled;
                settled = quietWindows[0] >= 2;
            }
            if (stopping || elapsed.compareTo(max) >= 0 || (settled && elapsed.compareTo(MIN) >= 0)) {
                vertx.cancelTimer(timer);
                stopping = true;
                LOG.info("warmed up in {} ms: {} questions answered{}{}", elapsed.toMillis(), answered.get(),
                        failed.get() > 0 ? ", " + failed.get() + " failed" : "", settled ? "" : " (the JIT was still compiling)");
                finished.complete(null);
                client.close();
            }
        });
    }

    private void ask(int slot, long[] next, AtomicLong answered, AtomicLong failed) {
        if (stopping) {
            return;
        }
        Buffer body = bodies.get((int) (next[0]++ % bodies.size()));
        String user = userPrefix() + slot;
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/web").setTimeout(10_000)
                        .putHeader("Content-Type", "application/json").putHeader(TurnMetadata.WARM_UP, token))
                .compose(request -> request.send(body.copy().appendString(user + "\"}")))
                .compose(response -> response.body().map(b -> response.statusCode()))
                .onComplete(done -> {
                    if (done.succeeded() && done.result() == 200) {
                        answered.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    ask(slot, next, answered, failed);
                });
    }

    /**
     * The stories' questions in both languages, shuffled with a fixed seed, every other one without its
     * locale (the language is then detected, as for a widget that does not say): JSON bodies still open
     * on the user id, which each request completes.
     */
    private static List<Buffer> bodies(Content content) {
        List<Buffer> bodies = new ArrayList<>();
        for (Story story : content.stories()) {
            for (Language language : Language.values()) {
                for (String question : story.questionsIn(language)) {
                    JsonObject json = new JsonObject().put("query", question);
                    if (bodies.size() % 2 == 0) {
                        json.put("locale", language == Language.EN ? "en" : "fr");
                    }
                    String text = json.encode();
                    bodies.add(Buffer.buffer(text.substring(0, text.length() - 1) + ",\"userId\":\""));
                }
            }
        }
        Collections.shuffle(bodies, new Random(16));
        return List.copyOf(bodies);
    }

    /** Stops sending; what is in flight is dropped with the client. */
    @Override
    public void close() {
        stopping = true;
        if (client != null && !finished.isDone()) {
            client.close();
        }
        finished.complete(null);
    }
}
