package ai.tock.community.operations;

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

    private final OperatorLogFiles operatorLog;
    private final Optional<byte[]> token;

    /** @param token {@code ADMIN_TOKEN}; empty turns the routes off */
    public AdminRoutes(OperatorLogFiles operatorLog, Optional<String> token) {
        this.operatorLog = operatorLog;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    void install(Router router) {
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
                .end(Json.encode(operatorLog.report()));
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
