package ai.tock.community.channel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.bot.BotPort;
import ai.tock.community.shared.TrustedProxies;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web channel's line of turns per user, in front of a stand-in for Tock's web connector that does
 * what Tock does with a user's lock (takes it when a turn starts; answers, then releases it) but only
 * when the test says: so the order is the one the requests were received in, checked step by step.
 */
class UserTurnsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Vertx vertx = Vertx.vertx();
    /** Turns that reached "Tock", in order. */
    private final BlockingQueue<RoutingContext> inTock = new LinkedBlockingQueue<>();
    private WebChannel web;
    private String base;

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void serve(int userPerMinute) {
        BotPort bot = new BotPort() {
            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public Locale languageOf(String text) {
                return Locale.FRENCH;
            }

            @Override
            public Locale languageOf(String text, Locale whenUnsure) {
                return whenUnsure;
            }
        };
        web = new WebChannel(bot, WebSettings.of(List.of(), userPerMinute, 1_000_000, TrustedProxies.none()), "token");
        Router router = Router.router(vertx);
        web.install(router);
        router.post(WebChannel.CONNECTOR_PATH).handler(inTock::add);
        int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().join().actualPort();
        base = "http://127.0.0.1:" + port;
    }

    @Test
    void a_users_questions_go_into_tock_one_at_a_time_in_the_order_received_and_others_pass() throws Exception {
        serve(1000);
        CompletableFuture<HttpResponse<String>> first = ask("anna", "one");
        RoutingContext one = enter("anna", "one");
        CompletableFuture<HttpResponse<String>> second = ask("anna", "two");
        await(() -> web.waitingTurns("anna") == 1);
        CompletableFuture<HttpResponse<String>> third = ask("anna", "three");
        await(() -> web.waitingTurns("anna") == 2);

        // Another user is not held up by Anna's line.
        CompletableFuture<HttpResponse<String>> bob = ask("bob", "hello");
        finish(enter("bob", "hello"), "bob");
        assertEquals(200, bob.get(10, TimeUnit.SECONDS).statusCode());

        // Each release lets the next one in, in order.
        finish(one, "anna");
        RoutingContext two = enter("anna", "two");
        finish(two, "anna");
        RoutingContext three = enter("anna", "three");
        finish(three, "anna");
        assertEquals("answer to one", first.get(10, TimeUnit.SECONDS).body());
        assertEquals("answer to two", second.get(10, TimeUnit.SECONDS).body());
        assertEquals("answer to three", third.get(10, TimeUnit.SECONDS).body());
        await(() -> web.usersInLine() == 0); // lines are dropped once empty
    }

    @Test
    void a_waiting_question_whose_client_leaves_leaves_the_line() throws Exception {
        serve(1000);
        CompletableFuture<HttpResponse<String>> first = ask("carl", "one");
        RoutingContext one = enter("carl", "one");
        try (Socket leaving = new Socket("127.0.0.1", Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)))) {
            String body = "{\"query\":\"gone\",\"userId\":\"carl\",\"locale\":\"fr\"}";
            leaving.getOutputStream().write(("POST /web HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            await(() -> web.waitingTurns("carl") == 1);
        }
        await(() -> web.waitingTurns("carl") == 0);
        CompletableFuture<HttpResponse<String>> third = ask("carl", "three");
        await(() -> web.waitingTurns("carl") == 1);
        finish(one, "carl");
        finish(enter("carl", "three"), "carl"); // not "gone"
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, third.get(10, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void a_turn_that_ends_before_tock_takes_the_lock_lets_the_next_one_in() throws Exception {
        serve(1000);
        CompletableFuture<HttpResponse<String>> first = ask("dora", "one");
        RoutingContext one = arrive("dora", "one");
        CompletableFuture<HttpResponse<String>> second = ask("dora", "two");
        await(() -> web.waitingTurns("dora") == 1);
        one.response().setStatusCode(500).end(); // Tock refused it without locking the user (web.userLocked never called)
        finish(enter("dora", "two"), "dora");
        assertEquals(500, first.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, second.get(10, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void a_user_who_floods_gets_429_not_a_longer_line() throws Exception {
        serve(1_000_000); // no rate limit in the way: the line's own bound answers
        CompletableFuture<HttpResponse<String>> first = ask("eve", "first");
        RoutingContext held = enter("eve", "first");
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            flood.add(ask("eve", "flood " + i));
        }
        // The refused ones are answered at once; the others wait behind the held turn.
        await(() -> flood.stream().filter(CompletableFuture::isDone).count() + web.waitingTurns("eve") == 10);
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> response : flood) {
            if (response.isDone()) {
                HttpResponse<String> r = response.get();
                assertEquals(429, r.statusCode(), r.body());
                assertTrue(r.body().contains("still being answered") && r.headers().firstValue("Retry-After").isPresent(), r.body());
                refused++;
            }
        }
        assertEquals(6, refused, "four wait behind the one being answered; the other six are refused");
        assertEquals(4, web.waitingTurns("eve"));
        finish(held, "eve");
        for (int i = 0; i < 4; i++) {
            RoutingContext next = inTock.poll(10, TimeUnit.SECONDS);
            assertTrue(next != null, "the waiting turns go in");
            finish(next, "eve");
        }
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void the_rate_limit_answers_a_flood_first() throws Exception {
        serve(30); // the default: a burst of 6, then one every 2 s
        CompletableFuture<HttpResponse<String>> first = ask("fred", "first");
        RoutingContext held = enter("fred", "first");
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            flood.add(ask("fred", "flood " + i));
        }
        await(() -> flood.stream().filter(CompletableFuture::isDone).count() + web.waitingTurns("fred") == 10);
        List<HttpResponse<String>> refusals = flood.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
        assertTrue(refusals.stream().anyMatch(r -> r.statusCode() == 429 && r.body().contains("retry in")), refusals.toString());
        assertTrue(web.waitingTurns("fred") <= 4);
        finish(held, "fred");
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    }

    private CompletableFuture<HttpResponse<String>> ask(String user, String question) {
        String body = "{\"query\":\"" + question + "\",\"userId\":\"" + user + "\",\"locale\":\"fr\"}";
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/web")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The next turn to reach "Tock", which must be this one; Tock takes the user's lock. */
    private RoutingContext enter(String user, String question) throws InterruptedException {
        RoutingContext ctx = arrive(user, question);
        web.userLocked(user);
        return ctx;
    }

    /** The next turn to reach "Tock", which must be this one. */
    private RoutingContext arrive(String user, String question) throws InterruptedException {
        RoutingContext ctx = inTock.poll(10, TimeUnit.SECONDS);
        assertTrue(ctx != null, question + " never reached Tock");
        assertEquals(question, ctx.body().asJsonObject().getString("query"));
        assertEquals(user, ctx.body().asJsonObject().getString("userId"));
        return ctx;
    }

    /** As Tock: the answer is sent, then the lock released. */
    private void finish(RoutingContext ctx, String user) {
        String question = ctx.body().asJsonObject().getString("query");
        ctx.response().end("answer to " + question);
        web.userReleased(user);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not reached within 10 s");
            Thread.sleep(5);
        }
    }
}
