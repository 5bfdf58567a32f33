package ai.tock.community.operations;

import ai.tock.community.shared.TurnMetadata;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * What operators reach over HTTP, beside the channels: {@code /healthz} (the process answers),
 * {@code /readyz} (the bot answers at full speed: trained, then warmed up), {@code /metrics} (Prometheus)
 * and the admin routes. It also counts the responses of the web channel by status.
 */
public final class OperationsRoutes {

    private final BooleanSupplier ready;
    private final BotMetrics metrics;
    private final AdminRoutes admin;

    /** @param ready whether {@code /readyz} says ready */
    public OperationsRoutes(BooleanSupplier ready, BotMetrics metrics, AdminRoutes admin) {
        this.ready = ready;
        this.metrics = metrics;
        this.admin = admin;
    }

    /** @param webPath the web channel's path, whose responses are counted by status */
    public void install(Router router, String webPath) {
        // First on the web path: every response is counted, refusals included; not the bot's own warm-up
        // (the web channel marks it, or clears a client's mark, before any response can end).
        router.route(webPath).order(-30).handler(ctx -> {
            ctx.addEndHandler(done -> {
                if (!ctx.request().headers().contains(TurnMetadata.WARM_UP)) {
                    metrics.webResponse(ctx.response().getStatusCode());
                }
            });
            ctx.next();
        });
        router.get("/healthz").handler(ctx -> status(ctx, true));
        router.get("/readyz").handler(ctx -> status(ctx, ready.getAsBoolean()));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
        admin.install(router);
    }

    private static void status(RoutingContext ctx, boolean up) {
        ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(up ? "{\"status\":\"up\"}" : "{\"status\":\"starting\"}");
    }
}
