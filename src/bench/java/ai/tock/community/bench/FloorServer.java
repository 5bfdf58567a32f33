package ai.tock.community.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor: a bare Vert.x web handler on the same stack as the bot (vertx-web, a body handler),
 * answering {@code POST /web} with a fixed answer captured from the bot. Run as its own process,
 * like the bot: {@code FloorServer <port> <answer.json>}.
 */
public final class FloorServer {

    private FloorServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Buffer answer = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.post("/web").handler(BodyHandler.create().setBodyLimit(16 * 1024)).handler(ctx ->
                ctx.response().putHeader("Content-Type", "application/json").end(answer));
        vertx.createHttpServer(new HttpServerOptions().setHost(LoadGenerator.HOST).setPort(port).setTcpNoDelay(true))
                .requestHandler(router).listen()
                .toCompletionStage().toCompletableFuture().join();
        System.out.println("floor listening on " + LoadGenerator.HOST + ":" + port);
    }
}
