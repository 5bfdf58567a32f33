package ai.tock.community.channel.gitter;

import ai.tock.community.shared.Texts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ktor.client.HttpClient;
import io.ktor.client.HttpClientKt;
import io.ktor.client.engine.cio.CIO;
import io.ktor.client.plugins.HttpTimeout;
import io.ktor.client.plugins.HttpTimeoutKt;
import io.ktor.client.request.HttpRequestBuilder;
import io.ktor.client.request.HttpRequestKt;
import io.ktor.client.statement.HttpResponse;
import io.ktor.client.statement.HttpResponseKt;
import io.ktor.client.statement.HttpStatement;
import io.ktor.http.ContentType;
import io.ktor.http.HttpMethod;
import io.ktor.http.content.TextContent;
import kotlin.Unit;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlinx.coroutines.CoroutineScope;
import kotlinx.coroutines.CoroutineScopeKt;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.SupervisorKt;
import kotlinx.coroutines.future.FutureKt;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The Matrix client-server API calls the Gitter channel makes, over ktor-client CIO, their answers bound to
 * {@link MatrixJson} records. Failures are {@link MatrixException}s (the server said no, or its answer is
 * unreadable) or I/O errors. The access token only travels in the {@code Authorization} header.
 */
public final class MatrixClient implements AutoCloseable {

    private static final String API = "/_matrix/client/v3";
    /** A long-poll may legitimately take its whole timeout: leave room for the answer to travel. */
    private static final Duration SYNC_MARGIN = Duration.ofSeconds(15);
    private static final int DESCRIBED_CHARACTERS = 60;

    private final URI homeserver;
    private final String authorization;
    private final Duration requestTimeout;
    // A scope of our own, cancelled on close, so that no call outlives the connector. A supervisor job:
    // one failed call must not cancel the scope, and with it every later call.
    private final CoroutineScope scope = CoroutineScopeKt.CoroutineScope(SupervisorKt.SupervisorJob(null).plus(Dispatchers.getIO()));
    private final HttpClient http;

    public MatrixClient(URI homeserver, String accessToken) {
        this(homeserver, accessToken, Duration.ofSeconds(30));
    }

    public MatrixClient(URI homeserver, String accessToken, Duration requestTimeout) {
        this.homeserver = homeserver;
        this.authorization = "Bearer " + accessToken;
        this.requestTimeout = requestTimeout;
        this.http = HttpClientKt.HttpClient(CIO.INSTANCE, config -> {
            config.install(HttpTimeout.Plugin, timeout -> {
                timeout.setConnectTimeoutMillis(Math.min(10_000L, requestTimeout.toMillis()));
                timeout.setRequestTimeoutMillis(requestTimeout.toMillis());
                return Unit.INSTANCE;
            });
            return Unit.INSTANCE;
        });
    }

    /** The bot's own user id. */
    public CompletableFuture<String> whoami() {
        return call("whoami", GET, "/account/whoami", null, MatrixJson.Whoami.class).thenApply(answer -> required(answer.userId(), "user_id", "whoami"));
    }

    /** Joins a room by alias or id and returns its room id. */
    public CompletableFuture<String> join(String roomIdOrAlias) {
        return call("join", POST, "/join/" + encode(roomIdOrAlias), Map.of(), MatrixJson.RoomId.class)
                .thenApply(answer -> required(answer.roomId(), "room_id", "join"));
    }

    public CompletableFuture<Optional<String>> displayName(String userId) {
        return call("profile", GET, "/profile/" + encode(userId) + "/displayname", null, MatrixJson.Profile.class)
                .thenApply(answer -> Optional.ofNullable(answer.displayname()).filter(name -> !name.isBlank()));
    }

    /** Uploads a sync filter and returns its id. */
    public CompletableFuture<String> createFilter(String userId, Object filter) {
        return call("filter", POST, "/user/" + encode(userId) + "/filter", filter, MatrixJson.FilterId.class)
                .thenApply(answer -> required(answer.filterId(), "filter_id", "filter"));
    }

    /**
     * Long-polls for new events.
     *
     * @param filterId a filter id, or null for none
     * @param since    the previous batch's {@code next_batch}, or null for an initial sync
     */
    public CompletableFuture<MatrixJson.Sync> sync(String filterId, String since, Duration timeout) {
        String path = "/sync?timeout=" + timeout.toMillis() + (filterId == null ? "" : "&filter=" + encode(filterId))
                + (since == null ? "" : "&since=" + encode(since));
        return call("sync", GET, path, null, timeout.plus(SYNC_MARGIN), MatrixJson.Sync.class).thenApply(batch -> {
            required(batch.nextBatch(), "next_batch", "sync");
            return batch;
        });
    }

    /** Sends an {@code m.room.message}; the server ignores a repeated txnId, which makes retries safe. Returns the event id. */
    public CompletableFuture<String> sendMessage(String roomId, String txnId, JsonNode content) {
        return call("send", PUT, "/rooms/" + encode(roomId) + "/send/m.room.message/" + encode(txnId), content, MatrixJson.EventId.class)
                .thenApply(answer -> answer.eventId() == null ? "" : answer.eventId());
    }

    public CompletableFuture<Void> receipt(String roomId, String eventId) {
        return call("receipt", POST, "/rooms/" + encode(roomId) + "/receipt/m.read/" + encode(eventId), Map.of(), Object.class)
                .thenApply(ignored -> null);
    }

    public CompletableFuture<Void> typing(String roomId, String userId, boolean typing, Duration timeout) {
        Map<String, Object> body = typing ? Map.of("typing", true, "timeout", timeout.toMillis()) : Map.of("typing", false);
        return call("typing", PUT, "/rooms/" + encode(roomId) + "/typing/" + encode(userId), body, Object.class).thenApply(ignored -> null);
    }

    public CompletableFuture<Void> leave(String roomId) {
        return call("leave", POST, "/rooms/" + encode(roomId) + "/leave", Map.of(), Object.class).thenApply(ignored -> null);
    }

    /** A page of a room's events before {@code from}, newest first, never before {@code to}. */
    public CompletableFuture<MatrixJson.Messages> messages(String roomId, String from, String to, int limit) {
        return call("messages", GET, "/rooms/" + encode(roomId) + "/messages?dir=b&limit=" + limit + "&from=" + encode(from)
                + "&to=" + encode(to), null, MatrixJson.Messages.class);
    }

    public CompletableFuture<Void> setAccountData(String userId, String type, Object content) {
        return call("account data", PUT, "/user/" + encode(userId) + "/account_data/" + encode(type), content, Object.class)
                .thenApply(ignored -> null);
    }

    /** The room id an alias names. */
    public CompletableFuture<String> resolveAlias(String alias) {
        return call("alias", GET, "/directory/room/" + encode(alias), null, MatrixJson.RoomId.class)
                .thenApply(answer -> required(answer.roomId(), "room_id", "alias"));
    }

    public CompletableFuture<List<String>> joinedRooms() {
        return call("joined_rooms", GET, "/joined_rooms", null, MatrixJson.JoinedRooms.class).thenApply(MatrixJson.JoinedRooms::joinedRooms);
    }

    /** A room's state event content; fails with a 404 when the room has none of that type. */
    public <T> CompletableFuture<T> state(String roomId, String type, Class<T> content) {
        return call("state " + type, GET, "/rooms/" + encode(roomId) + "/state/" + encode(type) + "/", null, content);
    }

    /**
     * Waits for a call and unwraps its failure.
     *
     * @throws MatrixException       the server answered with an error or an unreadable body
     * @throws IOException           the network failed (any other failure of the HTTP stack counts as one)
     * @throws CancellationException the call was cancelled (the client is closing)
     */
    public static <T> T await(CompletableFuture<T> call) throws IOException, InterruptedException {
        try {
            return call.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e.getCause();
            if (cause instanceof MatrixException || cause instanceof CancellationException) {
                throw (RuntimeException) cause;
            }
            throw cause instanceof IOException io ? io : new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        CoroutineScopeKt.cancel(scope, null);
        http.close();
    }

    @Override
    public String toString() {
        return "MatrixClient[" + homeserver + "]";
    }

    private static final HttpMethod GET = HttpMethod.Companion.getGet();
    private static final HttpMethod POST = HttpMethod.Companion.getPost();
    private static final HttpMethod PUT = HttpMethod.Companion.getPut();

    private <T> CompletableFuture<T> call(String operation, HttpMethod method, String path, Object body, Class<T> answer) {
        return call(operation, method, path, body, requestTimeout, answer);
    }

    private <T> CompletableFuture<T> call(String operation, HttpMethod method, String path, Object body, Duration timeout, Class<T> answer) {
        HttpRequestBuilder request = new HttpRequestBuilder();
        request.setMethod(method);
        HttpRequestKt.url(request, homeserver + API + path);
        request.getHeaders().append("Authorization", authorization);
        request.getHeaders().append("Accept", "application/json");
        if (body != null) {
            request.setBody(new TextContent(write(body), ContentType.Application.INSTANCE.getJson(), null));
        }
        HttpTimeoutKt.timeout(request, config -> {
            config.setRequestTimeoutMillis(timeout.toMillis());
            return Unit.INSTANCE;
        });
        return this.<HttpResponse>suspending(continuation -> new HttpStatement(request, http).execute(continuation))
                .thenCompose(response -> this.<String>suspending(continuation -> HttpResponseKt.bodyAsText(response, StandardCharsets.UTF_8, continuation))
                        .thenApply(text -> read(operation, response.getStatus().getValue(), response.getHeaders().get("Retry-After"), text, answer)));
    }

    /** Runs one suspend call in our scope: the lambda hands the continuation to it. */
    private <T> CompletableFuture<T> suspending(Function<Continuation<? super T>, Object> suspendCall) {
        return FutureKt.future(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT,
                (coroutineScope, continuation) -> suspendCall.apply(continuation));
    }

    private static <T> T read(String operation, int status, String retryAfterHeader, String text, Class<T> answer) {
        boolean ok = status >= 200 && status < 300;
        try {
            JsonNode body = text == null || text.isBlank() ? null : MatrixJson.MAPPER.readTree(text);
            if (ok && body != null && body.isObject()) {
                return MatrixJson.MAPPER.treeToValue(body, answer);
            }
            if (!ok) {
                MatrixJson.Error error = body != null && body.isObject() ? MatrixJson.MAPPER.treeToValue(body, MatrixJson.Error.class) : null;
                throw failed(operation, status, retryAfterHeader, error != null ? error : new MatrixJson.Error(null, null, null));
            }
        } catch (JsonProcessingException | IllegalArgumentException unreadable) {
            if (!ok) {
                throw failed(operation, status, retryAfterHeader, new MatrixJson.Error(null, null, null));
            }
        }
        throw new MatrixException(status, MatrixException.MALFORMED_RESPONSE, -1,
                operation + ": the homeserver answered HTTP " + status + " with a body that is not a JSON object" + describe(text));
    }

    private static MatrixException failed(String operation, int status, String retryAfterHeader, MatrixJson.Error error) {
        String errcode = error.errcode() != null ? error.errcode() : "M_UNKNOWN";
        long retryAfterMs = retryAfterMillis(retryAfterHeader);
        if (retryAfterMs < 0 && error.retryAfterMs() != null) {
            retryAfterMs = Math.max(0, error.retryAfterMs());
        }
        String reason = error.error() != null ? ": " + shorten(error.error()) : "";
        return new MatrixException(status, errcode, retryAfterMs, operation + " failed with HTTP " + status + " " + errcode + reason);
    }

    private static String write(Object body) {
        try {
            return MatrixJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + body.getClass().getSimpleName(), e);
        }
    }

    /**
     * Retry-After is either delay-seconds or an HTTP date; negative when absent or unreadable. A delay too large for
     * milliseconds is read as the longest one: the retry policy caps every wait anyway.
     */
    static long retryAfterMillis(String header) {
        String value = header == null ? "" : header.strip();
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            try {
                return Math.multiplyExact(Long.parseLong(value), 1000L);
            } catch (ArithmeticException | NumberFormatException tooLarge) {
                return Long.MAX_VALUE;
            }
        }
        try {
            ZonedDateTime date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            return Math.max(0, Duration.between(ZonedDateTime.now(date.getZone()), date).toMillis());
        } catch (RuntimeException notADate) {
            return -1;
        }
    }

    private static String describe(String text) {
        return text == null || text.isEmpty() ? " (empty)" : " (" + text.length() + " characters, starting with \"" + shorten(text) + "\")";
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= DESCRIBED_CHARACTERS ? oneLine : Texts.clip(oneLine, DESCRIBED_CHARACTERS) + "…";
    }

    private static String required(String value, String field, String operation) {
        if (value == null || value.isEmpty()) {
            throw new MatrixException(200, MatrixException.MALFORMED_RESPONSE, -1, operation + ": the answer has no \"" + field + "\"");
        }
        return value;
    }

    /** One path or query segment; Matrix ids hold '!', '#', '@', ':' and '$'. */
    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
