package ai.tock.community;

import static ai.tock.community.RawHttp.readToEnd;
import static ai.tock.community.RawHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bot as deployed behind a reverse proxy, on Tock's own server: 127.0.0.1 plays the trusted
 * proxy, 127.0.0.2 a client connecting directly (both reach the server on 127.0.0.1). The client
 * address goes through the trusted proxy only; slow, idle and too many connections are dropped.
 */
class DeploymentTest {

    private static final InetAddress PROXY = RawHttp.LOOPBACK;
    // Each test connects directly from an address of its own, so that its limits are its own.
    private static final InetAddress DIRECT = RawHttp.address(127, 0, 0, 2);
    private static final InetAddress SLOW = RawHttp.address(127, 0, 0, 3);
    private static final InetAddress IDLE = RawHttp.address(127, 0, 0, 4);
    private static final InetAddress MANY = RawHttp.address(127, 0, 0, 5);
    private static final int RATE_PER_ADDRESS = 20; // a burst of 20, then 20 a minute
    private static BotRuntime bot;
    private static int port;
    private static LogCapture logs;
    private final RawHttp http = new RawHttp(port);

    @BeforeAll
    static void start() throws IOException {
        logs = new LogCapture(Level.INFO);
        port = TestContent.freePort();
        bot = BotRuntime.start(BotSettings.fromEnvironment(Map.of("PORT", Integer.toString(port),
                "BOT_DATA_DIR", Files.createTempDirectory("deployment").toString(), "BOT_WARMUP_SECONDS", "0",
                "BOT_TRUSTED_PROXIES", "127.0.0.1", "BOT_RATE_PER_ADDRESS", Integer.toString(RATE_PER_ADDRESS),
                "BOT_RATE_PER_USER", "1000", "BOT_REQUEST_TIMEOUT", "1", "BOT_IDLE_TIMEOUT", "2",
                "BOT_MAX_CONNECTIONS_PER_ADDRESS", "4")), TestContent.load());
    }

    @AfterAll
    static void stop() {
        bot.close();
        logs.close();
    }

    @AfterEach
    void closeSockets() throws IOException {
        http.close();
    }

    @Test
    void from_the_trusted_proxy_the_forwarded_client_is_the_one_logged_counted_and_rate_limited() throws Exception {
        String response = ask(PROXY, "proxied-1", "X-Forwarded-For: 6.6.6.6, 198.51.100.7\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(turnLogged("client=198.51.100.7"), logs.toString());

        // The per-address limit is the forwarded client's: 198.51.100.8 uses its own up, 198.51.100.9 still passes.
        String last = "";
        for (int i = 0; i < RATE_PER_ADDRESS + 1; i++) {
            last = ask(PROXY, "burst-" + i, "X-Forwarded-For: 198.51.100.8\r\n");
        }
        assertTrue(last.startsWith("HTTP/1.1 429") && last.contains("this address"), last);
        assertTrue(ask(PROXY, "other-client", "Forwarded: for=198.51.100.9;proto=https\r\n").startsWith("HTTP/1.1 200"));
        assertTrue(turnLogged("client=198.51.100.9"), logs.toString());
        assertTrue(metric("bot_web_clients") >= 3, "the metrics count the forwarded clients");
    }

    @Test
    void from_any_other_peer_the_forwarding_headers_are_ignored() throws Exception {
        String response = ask(DIRECT, "direct-1", "X-Forwarded-For: 198.51.100.50\r\nForwarded: for=198.51.100.51\r\n"
                + "X-Bot-Client-Address: 198.51.100.52\r\nX-Bot-Warm-Up: guessed\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(turnLogged("client=127.0.0.2"), logs.toString());
        // A new forwarded address on each request does not escape this peer's limit.
        String last = "";
        for (int i = 0; i < RATE_PER_ADDRESS + 1 && !last.startsWith("HTTP/1.1 429"); i++) {
            last = ask(DIRECT, "spoofer-" + i, "X-Forwarded-For: 203.0.113." + i + "\r\n");
        }
        assertTrue(last.startsWith("HTTP/1.1 429"), last);
    }

    @Test
    void on_tocks_server_a_silent_connection_is_dropped_and_a_partial_request_gets_408() throws Exception {
        assertEquals("", readToEnd(connect(SLOW)), "closed after BOT_REQUEST_TIMEOUT without a word");
        Socket partial = connect(SLOW);
        send(partial, "POST /web HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n{\"query\":");
        String response = readToEnd(partial);
        assertTrue(response.startsWith("HTTP/1.1 408") && response.contains("within 1 s"), response);
        assertTrue(metric("bot_http_request_timeouts_total") >= 2, () -> lastScrape);
    }

    @Test
    void on_tocks_server_an_idle_keep_alive_connection_is_closed() throws Exception {
        Socket socket = connect(IDLE);
        send(socket, request("idle-1", ""));
        String response = readToEnd(socket);
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(metric("bot_http_idle_closed_total") >= 1);
    }

    @Test
    void on_tocks_server_one_address_holds_at_most_its_connections_the_trusted_proxy_more() throws Exception {
        String refusedPerAddress = "bot_http_connections_refused_total\\{reason=\"per_address\",?\\}";
        await(() -> metric("bot_http_connections") == 1); // the metrics request's own: the other tests' are gone
        double refused = metric(refusedPerAddress);
        for (int i = 0; i < 5; i++) {
            connect(MANY);
        }
        await(() -> metric(refusedPerAddress) == refused + 1); // one of the five, closed at once
        assertEquals(4 + 1, metric("bot_http_connections"));
        for (int i = 0; i < 6; i++) {
            connect(PROXY);
        }
        assertTrue(ask(PROXY, "through-the-proxy", "X-Forwarded-For: 198.51.100.60\r\n").startsWith("HTTP/1.1 200"),
                "the proxy is not held to the per-address limit");
        assertEquals(refused + 1, metric(refusedPerAddress));
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void await(Condition condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.holds()) {
            assertTrue(System.nanoTime() < deadline, () -> "not reached within 10 s: " + lastScrape);
            Thread.sleep(20);
        }
    }

    /** Whether a turn's log line says {@code expected} (the turn line carries no user id: each test has its own client). */
    private static boolean turnLogged(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (logs.lines(Level.INFO, "outcome=").stream().anyMatch(line -> line.contains(expected))) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private static String lastScrape = "";

    private static double metric(String name) throws IOException {
        try (RawHttp scrape = new RawHttp(port)) {
            Socket socket = scrape.connect(PROXY);
            send(socket, "GET /metrics HTTP/1.1\r\nHost: bot\r\nConnection: close\r\n\r\n");
            String text = readToEnd(socket);
            lastScrape = text;
            Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }
    }

    /** One question on a connection of its own from {@code from}; the whole response. */
    private String ask(InetAddress from, String user, String headers) throws IOException {
        Socket socket = connect(from);
        send(socket, request(user, headers + "Connection: close\r\n"));
        return readToEnd(socket);
    }

    private String request(String user, String headers) {
        String body = "{\"query\":\"licence ?\",\"userId\":\"" + user + "\",\"locale\":\"fr\"}";
        return "POST /web HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n" + headers
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private Socket connect(InetAddress from) throws IOException {
        return http.connect(from);
    }
}
