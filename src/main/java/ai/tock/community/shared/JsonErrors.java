package ai.tock.community.shared;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Every refusal of the web channel has the same shape: {@code {"error": "<reason>"}}. */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static void send(RoutingContext ctx, int status, String reason) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", reason).encode());
    }
}
