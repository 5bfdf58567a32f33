package ai.tock.community.channel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.TestContent;
import ai.tock.community.BotRuntime;
import ai.tock.community.BotSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over a thousand generated malformed or random requests against the real server: none may get a
 * 5xx, the bot must still answer a normal question afterwards, and memory must stay bounded.
 */
class WebFuzzTest {

    private static final int REQUESTS = 1500;
    private static BotRuntime bot;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        port = TestContent.freePort();
        BotSettings settings = BotSettings.fromEnvironment(Map.of(
                "PORT", Integer.toString(port), "BOT_DATA_DIR", Files.createTempDirectory("fuzz").toString(),
                "BOT_RATE_PER_USER", "1000000", "BOT_RATE_PER_ADDRESS", "1000000", "BOT_MAX_USERS", "500",
                "BOT_WARMUP_SECONDS", "0"));
        bot = BotRuntime.start(settings, TestContent.load());
    }

    @AfterAll
    static void stop() {
        bot.close();
    }

    @Test
    void random_and_malformed_requests_never_get_a_5xx() throws Exception {
        Random random = new Random(20261125);
        List<Supplier<byte[]>> bodies = bodies(random);
        String[] contentTypes = {"application/json", "application/json; charset=utf-8", "text/plain", "", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"};
        String[] methods = {"POST", "POST", "POST", "POST", "GET", "PUT", "DELETE", "OPTIONS", "PATCH"};
        long heapBefore = usedHeapAfterGc();
        List<String> serverErrors = new ArrayList<>();
        int[] byStatus = new int[6];
        for (int i = 0; i < REQUESTS; i++) {
            byte[] body = bodies.get(random.nextInt(bodies.size())).get();
            String method = methods[random.nextInt(methods.length)];
            String contentType = contentTypes[random.nextInt(contentTypes.length)];
            int status = send(method, "/web", contentType, body);
            byStatus[status / 100]++;
            if (status >= 500 || status == 0) { // 0: no answer within 10 s
                serverErrors.add(status + " for " + method + " " + contentType + " " + new String(body, 0, Math.min(120, body.length), StandardCharsets.ISO_8859_1));
            }
        }
        System.out.printf("[fuzz] %d requests: 2xx %d, 4xx %d, 5xx %d%n", REQUESTS, byStatus[2], byStatus[4], byStatus[5]);
        assertTrue(serverErrors.isEmpty(), serverErrors.size() + " server errors, e.g. " + serverErrors.stream().limit(5).toList());

        HttpResponse<String> normal = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/web"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"où est le gitter ?\",\"userId\":\"after-fuzz\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, normal.statusCode());
        assertTrue(normal.body().contains("https://gitter.im/tockchat/Lobby"), normal.body());

        long growth = usedHeapAfterGc() - heapBefore;
        System.out.printf("[fuzz] heap growth after %d requests: %d KiB%n", REQUESTS, growth / 1024);
        // Measured about 7 MiB; the bound leaves room for GC noise, not for a leak of the 1500 requests.
        assertTrue(growth < 24L * 1024 * 1024, "heap grew by " + growth / (1024 * 1024) + " MiB");
    }

    private static List<Supplier<byte[]>> bodies(Random random) {
        List<Supplier<byte[]>> bodies = new ArrayList<>();
        bodies.add(() -> randomBytes(random, random.nextInt(300)));
        bodies.add(() -> utf8("{\"query\":\"" + randomText(random, random.nextInt(50)) + "\",\"userId\":\"fuzz-" + random.nextInt(100_000) + "\"}"));
        bodies.add(() -> utf8("{\"query\":" + random.nextInt() + ",\"userId\":\"u\"}"));
        bodies.add(() -> utf8("{\"query\":\"hi\",\"userId\":" + (random.nextBoolean() ? "null" : "[1,2]") + "}"));
        bodies.add(() -> utf8("{\"query\":\"hi\",\"userId\":\"u\",\"locale\":\"" + randomText(random, 8) + "\"}"));
        bodies.add(() -> utf8("{\"payload\":\"" + randomText(random, 20) + "\",\"userId\":\"p-" + random.nextInt(1000) + "\"}"));
        bodies.add(() -> utf8("{\"ref\":\"x\",\"userId\":\"r-" + random.nextInt(1000) + "\",\"returnsHistory\":" + (random.nextBoolean() ? "\"yes\"" : "true") + "}"));
        bodies.add(() -> utf8("[" + "[".repeat(random.nextInt(3000)) + "]"));
        bodies.add(() -> utf8("{\"query\":\"" + "é".repeat(random.nextInt(1500)) + "\",\"userId\":\"long\"}"));
        bodies.add(() -> utf8("{\"query\":\"\\u0000\\u202e\\u200b 🍕 مرحبا\",\"userId\":\"unicode-" + random.nextInt(50) + "\"}"));
        bodies.add(() -> utf8("{\"query\":\"hi\",\"userId\":\"u\"" + randomText(random, 5)));
        bodies.add(() -> utf8("\"just a string\""));
        bodies.add(() -> utf8("{\"query\":\"<script>alert(1)</script>\",\"userId\":\"xss\",\"connectorId\":\"" + randomText(random, 5) + "\"}"));
        bodies.add(() -> new byte[0]);
        bodies.add(() -> utf8("{\"query\":\"x\",\"userId\":\"" + "u".repeat(300) + "\"}"));
        bodies.add(() -> utf8("{\"query\":\"x\",\"userId\":\"big\",\"pad\":\"" + "p".repeat(20_000) + "\"}"));
        return bodies;
    }

    /** A raw HTTP/1.1 exchange: the body goes out exactly as generated, invalid UTF-8 included. */
    private static int send(String method, String path, String contentType, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000); // a hang detector, not a speed check
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            if (!contentType.isEmpty()) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] statusLine;
            try {
                statusLine = in.readNBytes(12);
            } catch (java.net.SocketTimeoutException noAnswer) {
                return 0;
            }
            if (statusLine.length < 12) {
                return 0;
            }
            return Integer.parseInt(new String(statusLine, 9, 3, StandardCharsets.ISO_8859_1));
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String randomText(Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzéèàç ?!'\\\"{}[]:,0123456789<>&";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
