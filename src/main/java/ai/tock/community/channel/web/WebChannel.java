package ai.tock.community.channel.web;

import ai.tock.community.nlu.LanguageDetector;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web channel's own routes, beside Tock's web connector at {@code POST /web}: the chat page at
 * {@code /}, its assets, the health check, and the guard that checks requests before Tock sees them.
 */
public final class WebChannel {

    public static final String CONNECTOR_PATH = "/web";
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
    private final BooleanSupplier ready;
    private final Map<String, Buffer> assets;

    public WebChannel(LanguageDetector languages, BooleanSupplier ready) {
        this.guard = new WebRequestGuard(languages);
        this.ready = ready;
        this.assets = loadAssets();
    }

    /** Adds the routes to Tock's router; the guard is ordered before Tock's own handlers. */
    public void install(Router router) {
        router.route(CONNECTOR_PATH).order(-20)
                .handler(BodyHandler.create().setBodyLimit(WebRequestGuard.MAX_BODY_BYTES).setHandleFileUploads(false))
                .failureHandler(this::bodyFailure);
        router.route(CONNECTOR_PATH).order(-19).handler(guard::handle);
        router.get("/healthz").handler(this::health);
        ASSETS.forEach((path, asset) -> router.get(path).handler(ctx -> serve(ctx, path, asset)));
    }

    private void bodyFailure(RoutingContext ctx) {
        int status = ctx.statusCode() == 413 ? 413 : 400;
        JsonErrors.send(ctx, status, status == 413
                ? "the request body is larger than " + WebRequestGuard.MAX_BODY_BYTES + " bytes"
                : "the request body could not be read");
    }

    private void health(RoutingContext ctx) {
        boolean up = ready.getAsBoolean();
        ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(up ? "{\"status\":\"ready\"}" : "{\"status\":\"starting\"}");
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
