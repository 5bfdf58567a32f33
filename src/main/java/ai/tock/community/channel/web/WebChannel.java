package ai.tock.community.channel.web;

import ai.tock.community.bot.BotPort;
import ai.tock.community.shared.RateLimiter;
import ai.tock.community.shared.JsonErrors;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web channel's own routes, beside Tock's web connector at {@code POST /web}: the chat page at
 * {@code /}, its assets, and the guard that checks requests before Tock sees them.
 */
public final class WebChannel {

    public static final String CONNECTOR_PATH = "/web";
    // Users tracked (rate buckets, last language); the least recently seen go first, so a flood of new ids stays bounded.
    private static final int MAX_TRACKED = 100_000;
    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(10);
    // Questions one user may have waiting behind the one being answered (a double click, a question sent
    // while the greeting is answered); past it, 429.
    private static final int WAITING_PER_USER = 4;
    private static final Logger LOG = LoggerFactory.getLogger(WebChannel.class);

    // The page loads only its own scripts; the widget injects its styles at run time.
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'";

    private record Asset(String resource, String contentType) {
    }

    private static final Map<String, Asset> ASSETS = Map.of(
            "/", new Asset("web/index.html", "text/html; charset=utf-8"),
            "/chat.js", new Asset("web/chat.js", "text/javascript; charset=utf-8"),
            "/chat.css", new Asset("web/chat.css", "text/css; charset=utf-8"),
            "/tock-react-kit.js", new Asset("web/tock-react-kit.js", "text/javascript; charset=utf-8"));

    private final WebRequestGuard guard;
    private final UserTurns turns = new UserTurns(WAITING_PER_USER);
    private final BotPort bot;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;
    private final Map<String, Buffer> assets;

    /** @param warmUpToken the secret of the bot's own warm-up requests (see {@link WebRequestGuard}) */
    public WebChannel(BotPort bot, WebSettings settings, String warmUpToken) {
        this.bot = bot;
        this.guard = new WebRequestGuard(bot::languageOf, settings.allowedOrigins(),
                new RateLimiter(settings.userBurst(), settings.userPerMinute(), Duration.ofMinutes(1), MAX_TRACKED, System::nanoTime),
                new RateLimiter(settings.addressBurst(), settings.addressPerMinute(), Duration.ofMinutes(1), MAX_TRACKED,
                        System::nanoTime),
                MAX_TRACKED, settings.proxies(), turns, warmUpToken);
        this.assets = loadAssets();
    }

    /** Adds the routes to Tock's router; the guard is ordered before Tock's own handlers. */
    public void install(Router router) {
        router.route(CONNECTOR_PATH).order(-25).handler(guard::identify);
        // Last resort: a turn that Tock never ends still gets an answer.
        router.route(CONNECTOR_PATH).order(-21).handler(TimeoutHandler.create(TURN_TIMEOUT.toMillis(), 503));
        // BodyHandler reads the body with our limit first; Tock's own (1 MB) then finds it read.
        router.route(CONNECTOR_PATH).order(-20)
                .handler(BodyHandler.create().setBodyLimit(WebRequestGuard.MAX_BODY_BYTES).setHandleFileUploads(false))
                .failureHandler(this::bodyFailure);
        router.route(CONNECTOR_PATH).order(-19).handler(this::admit);
        ASSETS.forEach((path, asset) -> router.get(path).handler(ctx -> serve(ctx, path, asset)));
    }

    /** Counts the turns in flight, so that a shutdown can let them finish. */
    private void admit(RoutingContext ctx) {
        if (draining) {
            ctx.response().putHeader("Retry-After", "5").putHeader("Connection", "close");
            JsonErrors.send(ctx, 503, "the bot is restarting");
            return;
        }
        if (!bot.ready()) { // models still training: answering would hold the event loop until they are
            ctx.response().putHeader("Retry-After", "1");
            JsonErrors.send(ctx, 503, "the bot is starting");
            return;
        }
        inFlight.incrementAndGet();
        ctx.addEndHandler(done -> inFlight.decrementAndGet());
        guard.handle(ctx);
    }

    /** Tock took a user's lock for a turn of theirs. */
    public void userLocked(String userId) {
        turns.locked(userId);
    }

    /** Tock released a user's lock: their next question may go in. */
    public void userReleased(String userId) {
        turns.released(userId);
    }

    /** Turns the user has waiting, and users with a line; lets tests see the lines. */
    int waitingTurns(String userId) {
        return turns.waiting(userId);
    }

    int usersInLine() {
        return turns.users();
    }

    /** Stopping: new turns are refused. */
    public boolean draining() {
        return draining;
    }

    /** Refuses new turns and waits, up to {@code timeout}, for those in flight to be answered. */
    public boolean drain(Duration timeout) {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return inFlight.get() == 0;
    }

    private void bodyFailure(RoutingContext ctx) {
        int status = ctx.statusCode() == 413 ? 413 : 400;
        JsonErrors.send(ctx, status, status == 413
                ? "the request body is larger than " + WebRequestGuard.MAX_BODY_BYTES + " bytes"
                : "the request body could not be read");
    }

    private void serve(RoutingContext ctx, String path, Asset asset) {
        Buffer content = assets.get(path);
        if (content == null) {
            JsonErrors.send(ctx, 404, path + " is not in this build");
            return;
        }
        ctx.response()
                .putHeader("Content-Type", asset.contentType())
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache")
                .end(content);
    }

    private static Map<String, Buffer> loadAssets() {
        Map<String, Buffer> loaded = new java.util.HashMap<>();
        ASSETS.forEach((path, asset) -> {
            try (InputStream in = WebChannel.class.getClassLoader().getResourceAsStream(asset.resource())) {
                if (in == null) {
                    LOG.warn("{} is missing from the build: {} will answer 404", asset.resource(), path);
                } else {
                    loaded.put(path, Buffer.buffer(in.readAllBytes()));
                }
            } catch (IOException e) {
                LOG.warn("cannot read {}: {}", asset.resource(), e.toString());
            }
        });
        return Map.copyOf(loaded);
    }

}
