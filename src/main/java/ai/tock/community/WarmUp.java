package ai.tock.community;

import ai.tock.community.content.Content;
import ai.tock.community.content.Language;
import ai.tock.community.content.Story;
import ai.tock.community.shared.TurnMetadata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CancellationException;
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
 * <p>The client is plain HTTP/1.1 on blocking sockets, one short-lived thread per connection: once it
 * is over, nothing of it stays in memory (no client library's classes, compiled code or buffer pools
 * beside the server's). Its requests carry a secret header (this process's {@link #token()}) that the
 * web channel believes only from 127.0.0.1: no rate limit holds them back, and the turn log, the
 * metrics and the unanswered questions leave them out. Users asking meanwhile are answered as usual.
 */
final class WarmUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    static final Duration MIN = Duration.ofSeconds(3);
    private static final int MAX_IN_FLIGHT = 32;
    // Users the questions rotate over: a user's first turn (state created, limits counted) is compiled as
    // well as the next ones. Least recently seen, they are the first the bot forgets.
    private static final int MAX_USERS = 5000;
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final Duration FIRST_USER = Duration.ofMillis(500);
    private static final Duration RAMP = Duration.ofSeconds(2);
    // Settled: the JIT compiled for less than this share of a window, two windows in a row.
    private static final double SETTLED_SHARE = 0.10;
    private static final int SOCKET_TIMEOUT_MILLIS = 15_000;
    private static final int QUESTIONS_PER_CONNECTION = 16;

    private final Duration max;
    private final int inFlight;
    private final int users;
    private final String token;
    private final List<byte[]> bodies;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile boolean stopping;

    /**
     * @param max            the longest it may run; zero for none (ready as soon as trained)
     * @param maxConnections connections it may open (it stays under the per-address limit)
     * @param maxUsers       users whose state the bot keeps: the warm-up's take at most half of them
     * @param content        the questions come from its stories, in both languages
     */
    WarmUp(Duration max, int maxConnections, int maxUsers, Content content) {
        this.max = max;
        this.inFlight = Math.max(1, Math.min(MAX_IN_FLIGHT, maxConnections));
        this.users = Math.max(inFlight, Math.min(MAX_USERS, maxUsers / 2));
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

    /** Completes when the warm-up is over (done, or off); fails when the bot stops first. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /** Over, and not cut short by a stop. */
    boolean done() {
        return finished.isDone() && !finished.isCompletedExceptionally();
    }

    /** Starts the warm-up against the bot on {@code port}, in the background. */
    void start(int port) {
        if (max.isZero() || bodies.isEmpty()) {
            finished.complete(null);
            return;
        }
        Thread watch = new Thread(() -> run(port), "warm-up");
        watch.setDaemon(true);
        watch.start();
    }

    private void run(int port) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit.isCompilationTimeMonitoringSupported();
        long startNanos = System.nanoTime();
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong asked = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        long lastCompileMillis = timed ? jit.getTotalCompilationTime() : 0;
        long compiledInWindow = -1;
        int quietWindows = 0;
        boolean settled = false;
        Duration elapsed = Duration.ZERO;
        try {
            // A first user, who may come as soon as the models are trained (a cold start), has the CPUs to
            // themself for a moment, then one connection more every RAMP / inFlight: they never queue behind
            // 32 turns of code the JIT has not compiled yet.
            Thread.sleep(FIRST_USER.toMillis());
            for (int slot = 0; slot < inFlight && !stopping; slot++) {
                int first = slot;
                Thread client = new Thread(() -> ask(port, first, asked, answered, failed), "warm-up-" + slot);
                client.setDaemon(true);
                clients.add(client);
                client.start();
                Thread.sleep(RAMP.toMillis() / inFlight);
            }
            elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            while (!stopping && elapsed.compareTo(max) < 0 && !(settled && elapsed.compareTo(MIN) >= 0)) {
                Thread.sleep(WINDOW.toMillis());
                elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
                if (timed) {
                    long compiled = jit.getTotalCompilationTime();
                    compiledInWindow = compiled - lastCompileMillis;
                    quietWindows = compiledInWindow < SETTLED_SHARE * WINDOW.toMillis() ? quietWindows + 1 : 0;
                    lastCompileMillis = compiled;
                    settled = quietWindows >= 2;
                }
            }
            stopping = true;
            for (Thread client : clients) {
                client.join(SOCKET_TIMEOUT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
        if (finished.isDone()) {
            return; // stopped: the bot is going away, not ready
        }
        LOG.info("warmed up in {} ms: {} questions answered{}{}", elapsed.toMillis(), answered.get(),
                failed.get() > 0 ? ", " + failed.get() + " failed" : "",
                settled ? "" : " (the JIT was still compiling: " + compiledInWindow + " ms in the last second)");
        finished.complete(null);
    }

    /** One connection's closed loop: a question, its answer, the next question; a new connection after a failure. */
    private void ask(int port, int slot, AtomicLong asked, AtomicLong answered, AtomicLong failed) {
        int next = slot;
        while (!stopping) {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                // 127.0.0.1 exactly: the only peer whose warm-up header the web channel believes.
                socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), SOCKET_TIMEOUT_MILLIS);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                // A new connection every few questions, as browsers open them: the server's accept path is compiled too.
                for (int onConnection = 1; !stopping; onConnection++) {
                    boolean last = onConnection % QUESTIONS_PER_CONNECTION == 0;
                    byte[] body = bodies.get(next % bodies.size());
                    next += inFlight;
                    byte[] user = (userPrefix() + asked.getAndIncrement() % users + "\"}").getBytes(StandardCharsets.UTF_8);
                    out.write(("POST /web HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                            + (last ? "Connection: close\r\n" : "") + TurnMetadata.WARM_UP + ": " + token
                            + "\r\nContent-Length: " + (body.length + user.length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.write(user);
                    out.flush();
                    if (readResponse(in) == 200) {
                        answered.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    if (last) {
                        break;
                    }
                }
            } catch (IOException e) {
                if (!stopping) {
                    failed.incrementAndGet();
                }
            }
        }
    }

    /** Reads one response with a Content-Length body; returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        int contentLength = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
        }
        if (contentLength < 0 || !status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("unexpected response: " + status);
        }
        in.skipNBytes(contentLength);
        return Integer.parseInt(status.substring(9, 12));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /**
     * The stories' questions in both languages, shuffled with a fixed seed, every other one without its
     * locale (the language is then detected, as for a widget that does not say): JSON bodies still open
     * on the user id, which each request completes.
     */
    private static List<byte[]> bodies(Content content) {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> bodies = new ArrayList<>();
        for (Story story : content.stories()) {
            for (Language language : Language.values()) {
                for (String question : story.questionsIn(language)) {
                    ObjectNode request = json.createObjectNode().put("query", question);
                    if (bodies.size() % 2 == 0) {
                        request.put("locale", language == Language.EN ? "en" : "fr");
                    }
                    try {
                        String text = json.writeValueAsString(request);
                        bodies.add((text.substring(0, text.length() - 1) + ",\"userId\":\"").getBytes(StandardCharsets.UTF_8));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        Collections.shuffle(bodies, new Random(16));
        return List.copyOf(bodies);
    }

    /** Stops sending; the connections close with their threads. Whoever waits for the warm-up is told it was cut short. */
    @Override
    public void close() {
        stopping = true;
        finished.completeExceptionally(new CancellationException("the bot is stopping"));
    }
}
