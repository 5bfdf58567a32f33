package ai.tock.community.operations;

import ai.tock.community.shared.BoundedCaches;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The bot's metrics, in Micrometer's Prometheus registry: what {@code /metrics} shows. */
public final class BotMetrics {

    private static final Duration RECENT = Duration.ofMinutes(10);
    private static final int RECENT_CLIENTS_MAX = 100_000;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Meters by tag value, registered once: looking a meter up through its builder on every turn was
    // 4 % of the bot's CPU under load. The tag values are the bot's own (channels, intents, outcomes,
    // statuses), never the user's text, so these maps stay small.
    private final Map<String, Counter> requestsByChannel = new ConcurrentHashMap<>();
    private final Map<String, Counter> answersByIntent = new ConcurrentHashMap<>();
    private final Map<String, Counter> turnsByOutcome = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencyByChannel = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> webResponsesByStatus = new ConcurrentHashMap<>();
    // The client addresses (through the trusted proxies) that asked in the last 10 minutes, bounded.
    private final Cache<String, Boolean> recentClients;

    public BotMetrics() {
        this(Ticker.systemTicker());
    }

    /** @param ticker the time in nanoseconds for "recent" (a test's clock, or the system's) */
    public BotMetrics(Ticker ticker) {
        recentClients = BoundedCaches.of(RECENT_CLIENTS_MAX, RECENT, ticker);
        Gauge.builder("bot_web_clients", () -> {
            recentClients.cleanUp();
            return recentClients.estimatedSize();
        }).description("Client addresses (through the trusted proxies) that asked a question in the last 10 minutes")
                .register(registry);
    }

    /**
     * A turn answered: by channel, intent, outcome, with its latency.
     *
     * @param clientAddress the client's address for a web turn (through the trusted proxies); null for others
     */
    public void turn(String channel, String intent, String outcome, Duration latency, String clientAddress) {
        if (clientAddress != null) {
            recentClients.put(clientAddress, Boolean.TRUE);
        }
        requestsByChannel.computeIfAbsent(channel, c -> Counter.builder("bot_requests").description("Questions received, by channel")
                .tag("channel", c).register(registry)).increment();
        answersByIntent.computeIfAbsent(intent, i -> Counter.builder("bot_answers").description("Turns, by intent answered")
                .tag("intent", i).register(registry)).increment();
        turnsByOutcome.computeIfAbsent(outcome, o -> Counter.builder("bot_outcomes")
                .description("Turns by outcome: answer, two_questions, unsure, not_on_page, off_topic, feedback")
                .tag("outcome", o).register(registry)).increment();
        latencyByChannel.computeIfAbsent(channel, c -> Timer.builder("bot_turn_latency").description("Time from question to answer, in the engine")
                .tag("channel", c).publishPercentileHistogram().register(registry)).record(latency);
    }

    /** A response of the web channel, by status: refusals (4xx) show here. */
    public void webResponse(int status) {
        webResponsesByStatus.computeIfAbsent(status, s -> Counter.builder("bot_web_responses").description("Responses of POST /web, by status")
                .tag("status", Integer.toString(s)).register(registry)).increment();
    }

    public void watchContentVersion(Supplier<Integer> version) {
        Gauge.builder("bot_content_version", () -> version.get()).description("Version of the content serving (1 at start, +1 per reload)")
                .register(registry);
    }

    /**
     * @param lastSync    when the Gitter channel last completed a sync; null before the first
     * @param failedCalls calls to the homeserver that failed so far
     */
    public void watchGitter(Supplier<Instant> lastSync, LongSupplier failedCalls, Clock clock) {
        Gauge.builder("bot_gitter_sync_lag_seconds", () -> {
            Instant last = lastSync.get();
            return last == null ? Double.NaN : Duration.between(last, clock.instant()).toMillis() / 1000.0;
        }).description("Seconds since the Gitter channel last completed a sync (a long-poll lasts up to 30 s)").register(registry);
        Gauge.builder("bot_gitter_failed_calls", failedCalls::getAsLong)
                .description("Calls to the Gitter homeserver that failed (each retried or given up)").register(registry);
    }

    /**
     * The HTTP server's connections: open now, refused at once (one address over its limit, or all
     * over theirs), requests that did not arrive in time, keep-alive connections closed idle.
     */
    public void watchConnections(IntSupplier open, LongSupplier refusedPerAddress, LongSupplier refusedTotal,
                                 LongSupplier requestTimeouts, LongSupplier idleClosed) {
        // The counters read through this object, which the registry holds only weakly: the suppliers stay with it.
        Gauge.builder("bot_http_connections", open::getAsInt).description("HTTP connections open").register(registry);
        FunctionCounter.builder("bot_http_connections_refused", this, metrics -> refusedPerAddress.getAsLong()).tag("reason", "per_address")
                .description("HTTP connections closed at once: over BOT_MAX_CONNECTIONS_PER_ADDRESS, or over BOT_MAX_CONNECTIONS")
                .register(registry);
        FunctionCounter.builder("bot_http_connections_refused", this, metrics -> refusedTotal.getAsLong()).tag("reason", "total")
                .description("HTTP connections closed at once: over BOT_MAX_CONNECTIONS_PER_ADDRESS, or over BOT_MAX_CONNECTIONS")
                .register(registry);
        FunctionCounter.builder("bot_http_request_timeouts", this, metrics -> requestTimeouts.getAsLong())
                .description("Requests that had not fully arrived within BOT_REQUEST_TIMEOUT (408, or closed)").register(registry);
        FunctionCounter.builder("bot_http_idle_closed", this, metrics -> idleClosed.getAsLong())
                .description("Keep-alive connections closed after BOT_IDLE_TIMEOUT without a request").register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
