package ai.tock.community.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static ai.tock.community.RawHttp.readResponse;
import static ai.tock.community.RawHttp.readToEnd;
import static ai.tock.community.RawHttp.send;

import ai.tock.community.RawHttp;
import ai.tock.community.shared.TrustedProxies;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection guard on a bare Vert.x server (the same one Tock runs), spoken to with raw sockets
 * from 127.0.0.1: each bound, with short settings so that the tests wait on the server, not on time.
 */
class ConnectionGuardTest {

    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final String HELLO = "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n";

    private final Vertx vertx = Vertx.vertx();
    private RawHttp http;
    private ConnectionGuard guard;
    private int port;

    @AfterEach
    void stop() throws IOException {
        http.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A server answering /hello at once and /slow after 1.5 s, behind a guard with these limits. */
    private void serve(ConnectionLimits limits) {
        System.setProperty("vertx.disableH2c", "true"); // as TockProperties sets it for Tock's server
        guard = new ConnectionGuard(limits);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1")).connectionHandler(guard)
                .requestHandler(request -> request.body().onSuccess(body -> {
                    if (request.path().equals("/slow")) {
                        vertx.setTimer(1500, t -> request.response().end("slow " + body.length()));
                    } else {
                        request.response().end("hello " + body.length());
                    }
                }));
        port = server.listen(0).toCompletionStage().toCompletableFuture().join().actualPort();
        http = new RawHttp(port);
    }

    private static ConnectionLimits limits(Duration request, Duration idle, int perAddress, int total, String proxies) {
        return new ConnectionLimits(request, idle, perAddress, total, TrustedProxies.parse(proxies));
    }

    @Test
    void a_connection_that_sends_nothing_is_closed_after_the_request_timeout() throws Exception {
        serve(limits(SHORT, LONG, 100, 1000, ""));
        Socket socket = connect();
        long start = System.nanoTime();
        assertEquals("", readToEnd(socket), "closed without a response: it asked nothing");
        assertTrue(System.nanoTime() - start >= SHORT.toNanos() * 9 / 10, "not before the timeout");
        assertEquals(1, guard.requestTimeouts());
    }

    @Test
    void a_request_whose_headers_do_not_arrive_in_time_gets_408() throws Exception {
        serve(limits(SHORT, LONG, 100, 1000, ""));
        Socket socket = connect();
        send(socket, "POST /hello HTTP/1.1\r\nHost: te");
        long start = System.nanoTime();
        String response = readToEnd(socket);
        assertTrue(response.startsWith("HTTP/1.1 408"), response);
        assertTrue(response.contains("{\"error\":\"the request did not arrive within 1 s\"}"), response);
        assertTrue(System.nanoTime() - start >= SHORT.toNanos() * 9 / 10, "not before the timeout");
    }

    @Test
    void a_request_whose_body_does_not_arrive_in_time_gets_408() throws Exception {
        serve(limits(SHORT, LONG, 100, 1000, ""));
        Socket socket = connect();
        send(socket, "POST /hello HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n" + "x".repeat(10));
        String response = readToEnd(socket);
        assertTrue(response.startsWith("HTTP/1.1 408"), response);
    }

    @Test
    void a_request_that_arrived_is_answered_however_long_its_answer_takes() throws Exception {
        serve(limits(SHORT, LONG, 100, 1000, ""));
        Socket socket = connect();
        send(socket, "POST /slow HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        String response = readToEnd(socket);
        assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("slow 5"), response);
        assertEquals(0, guard.requestTimeouts());
    }

    @Test
    void an_idle_keep_alive_connection_is_closed_after_the_idle_timeout_and_not_before_its_request() throws Exception {
        serve(limits(LONG, SHORT, 100, 1000, ""));
        Socket socket = connect();
        // Two requests on the connection: the idle time is counted from the last answer.
        send(socket, HELLO);
        assertTrue(readResponse(socket).endsWith("hello 0"));
        send(socket, HELLO);
        assertTrue(readResponse(socket).endsWith("hello 0"));
        long answered = System.nanoTime();
        assertEquals("", readToEnd(socket));
        assertTrue(System.nanoTime() - answered >= SHORT.toNanos() * 9 / 10, "not before the idle timeout");
        assertEquals(1, guard.idleClosed());
        assertEquals(0, guard.requestTimeouts());
    }

    @Test
    void a_request_trickling_in_on_a_keep_alive_connection_gets_the_request_timeout_not_the_idle_one() throws Exception {
        serve(limits(SHORT, LONG, 100, 1000, ""));
        Socket socket = connect();
        send(socket, HELLO);
        assertTrue(readResponse(socket).endsWith("hello 0"));
        send(socket, "GET /hello HTTP/1.1\r\nHo"); // one byte a minute would never end the idle time: the request timer does
        String response = readToEnd(socket);
        assertTrue(response.startsWith("HTTP/1.1 408"), response);
        assertEquals(1, guard.requestTimeouts());
    }

    @Test
    void one_address_holds_at_most_its_limit_and_the_next_connection_is_closed_at_once() throws Exception {
        serve(limits(LONG, LONG, 3, 1000, ""));
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(connect());
        }
        await(() -> guard.connectionsOf("127.0.0.1") == 3);
        Socket fourth = connect();
        assertEquals("", readToEnd(fourth), "closed at once, without a response");
        assertEquals(1, guard.refusedPerAddress());
        // A connection closed gives its place back.
        held.get(0).close();
        await(() -> guard.connectionsOf("127.0.0.1") == 2);
        Socket again = connect();
        send(again, "GET /hello HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        assertTrue(readToEnd(again).endsWith("hello 0"));
    }

    @Test
    void a_trusted_proxy_is_not_held_to_the_per_address_limit_but_all_are_to_the_total() throws Exception {
        serve(limits(LONG, LONG, 1, 4, "127.0.0.1"));
        for (int i = 0; i < 4; i++) {
            connect();
        }
        await(() -> guard.openConnections() == 4);
        assertEquals("", readToEnd(connect()), "the fifth is over the total");
        assertEquals(1, guard.refusedTotal());
        assertEquals(0, guard.refusedPerAddress());
    }

    @Test
    void the_start_up_check_passes_when_connections_are_handed_over_at_once_and_fails_naming_the_setting_otherwise() {
        serve(limits(LONG, LONG, 100, 1000, ""));
        guard.verify(port, Duration.ofSeconds(5));

        // Without vertx.disableH2c, Vert.x waits for a connection's first bytes before handing it over.
        System.setProperty("vertx.disableH2c", "false");
        try {
            ConnectionGuard unseen = new ConnectionGuard(limits(LONG, LONG, 100, 1000, ""));
            int otherPort = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1")).connectionHandler(unseen)
                    .requestHandler(request -> request.response().end()).listen(0)
                    .toCompletionStage().toCompletableFuture().join().actualPort();
            TockEngine.MissingHook missing = assertThrows(TockEngine.MissingHook.class, () -> unseen.verify(otherPort, SHORT));
            assertTrue(missing.getMessage().contains("vertx.disableH2c") && !missing.getMessage().contains("\n"), missing.getMessage());
        } finally {
            System.setProperty("vertx.disableH2c", "true");
        }
    }

    private Socket connect() throws IOException {
        return http.connect(RawHttp.LOOPBACK);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not reached within 10 s");
            Thread.sleep(10);
        }
    }
}
