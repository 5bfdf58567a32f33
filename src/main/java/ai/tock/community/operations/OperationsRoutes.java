package ai.tock.community.operations;

import ai.tock.community.bot.BotPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What operators reach over HTTP, beside the channels: {@code /healthz} (the process answers),
 * {@code /readyz} (the bot can answer), {@code /metrics} (Prometheus) and the admin routes. It also
 * counts the responses of the web channel by status.
 */
public final class OperationsRoutes {

    private final BotPort bot;
    private final BotMetrics metrics;
    private final AdminRoutes admin;

    public OperationsRoutes(BotPort bot, BotMetrics metrics, AdminRoutes admin) {
        this.bot = bot;
        this.metrics = metrics;
        this.admin = admin;
    }

    /** @param webPath the web channel's path, whose responses are counted by status */
    public void install(Router router, String webPath) {
        // First on the web path: every response is counted, refusals included.
        router.route(webPath).order(-30).handler(ctx -> {
            ctx.addEndHandler(done -> metrics.webResponse(ctx.response().getStatusCode()));
            ctx.next();
        });
        router.get("/healthz").handler(ctx -> status(ctx, true));
        router.get("/readyz").handler(ctx -> status(ctx, bot.ready()));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
        admin.install(router);
    }

    private static void status(RoutingContext ctx, boolean up) {
        ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(up ? "{\"status\":\"up\"}" : "{\"status\":\"starting\"}");
    }
}
