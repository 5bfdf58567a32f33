package ai.tock.community.channel.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Every refusal of the web channel has the same shape: {@code {"error": "<reason>"}}. */
final class JsonErrors {

    private JsonErrors() {
    }

    static void send(RoutingContext ctx, int status, String reason) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", reason).encode());
    }
}
