package ai.tock.community.operations;

import ai.tock.community.channel.web.BotOperations;
import ai.tock.community.shared.JsonErrors;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Operators' routes under {@code /admin}: off unless {@code ADMIN_TOKEN} is set, and then only for a
 * request that carries it as a bearer token.
 */
public final class AdminRoutes {

    private final BotOperations bot;
    private final Optional<byte[]> token;

    public AdminRoutes(BotOperations bot, Optional<String> token) {
        this.bot = bot;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    public void install(Router router) {
        // Reads and groups the whole logs: off the event loop, so /web is not held up meanwhile.
        router.get("/admin/unanswered").blockingHandler(this::unanswered, false);
    }

    private void unanswered(RoutingContext ctx) {
        if (token.isEmpty()) {
            JsonErrors.send(ctx, 404, "the admin routes are off: set ADMIN_TOKEN to turn them on");
            return;
        }
        if (!authorized(ctx.request().getHeader("Authorization"))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            JsonErrors.send(ctx, 401, "send Authorization: Bearer <ADMIN_TOKEN>");
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(Json.encode(bot.unansweredReport()));
    }

    /** Compares in constant time, so the response time says nothing about the token. */
    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.get());
    }
}
