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

import java.net.URI;
import java.net.URLEncoder;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The Matrix client-server API calls the Gitter channel makes, over ktor-client CIO, their answers bound to
 * {@link MatrixJson} records. Failures are {@link MatrixException}s (the server said no, or its answer is
 * unreadable) or I/O errors. The access token only travels in the {@code Authorization} header.
 */
public final class MatrixClient implements AutoCloseable {

    /** A long-poll may legitimately take its whole timeout: leave room for the answer to travel. */
    private static final Duration SYNC_MARGIN = Duration.ofSeconds(15);
    private static final int DESCRIBED_CHARACTERS = 60;

    private final String api;
    private final String authorization;
    private final Duration requestTimeout;
    // A scope of our own, cancelled on close, so that no call outlives the connector. A supervisor job:
    // one failed call must not cancel the scope, and with it every later call.
    private final CoroutineScope scope =
            CoroutineScopeKt.CoroutineScope(SupervisorKt.SupervisorJob(null).plus(Dispatchers.getIO()));
    private final HttpClient http;

    public MatrixClient(URI homeserver, String accessToken, Duration requestTimeout) {
        this.api = homeserver + "/_matrix/client/v3";
        this.authorization = "Bearer " + accessToken;
        this.requestTimeout = requestTimeout;
        this.http = HttpClientKt.HttpClient(CIO.INSTANCE, config -> {
            config.install(HttpTimeout.Plugin, timeout -> {
                timeout.setConnectTimeoutMillis(Math.min(10_000L, requestTimeout.toMillis()));
                return Unit.INSTANCE;
            });
            return Unit.INSTANCE;
        });
    }

    /** The bot's own user id. */
    public CompletableFuture<String> whoami() {
        return requiredText("GET", "/account/whoami", null, "user_id");
    }

    /** Joins a room by alias or id and returns its room id. */
    public CompletableFuture<String> join(String roomIdOrAlias) {
        return requiredText("POST", path("join", roomIdOrAlias), Map.of(), "room_id");
    }

    public CompletableFuture<Optional<String>> displayName(String userId) {
        return call("GET", path("profile", userId, "displayname"), null, JsonNode.class)
                .thenApply(answer -> Optional.ofNullable(answer.path("displayname").textValue()).filter(name -> !name.isBlank()));
    }

    /** Uploads a sync filter and returns its id. */
    public CompletableFuture<String> createFilter(String userId, Object filter) {
        return requiredText("POST", path("user", userId, "filter"), filter, "filter_id");
    }

    /**
     * Long-polls for new events.
     *
     * @param filterId a filter id, or null for none
     * @param since    the previous batch's {@code next_batch}, or null for an initial sync
     */
    public CompletableFuture<MatrixJson.Sync> sync(String filterId, String since, Duration timeout) {
        String query = "/sync?timeout=" + timeout.toMillis() + (filterId == null ? "" : "&filter=" + encode(filterId))
                + (since == null ? "" : "&since=" + encode(since));
        return call("GET", query, null, timeout.plus(SYNC_MARGIN), MatrixJson.Sync.class).thenApply(batch -> {
            required(batch.nextBatch(), "next_batch");
            return batch;
        });
    }

    /** Sends an {@code m.room.message}; the server ignores a repeated txnId, which makes retries safe. Returns the event id. */
    public CompletableFuture<String> sendMessage(String roomId, String txnId, JsonNode content) {
        return call("PUT", path("rooms", roomId, "send", "m.room.message", txnId), content, JsonNode.class)
                .thenApply(answer -> Objects.requireNonNullElse(answer.path("event_id").textValue(), ""));
    }

    public CompletableFuture<Object> receipt(String roomId, String eventId) {
        return call("POST", path("rooms", roomId, "receipt", "m.read", eventId), Map.of(), Object.class);
    }

    public CompletableFuture<Object> typing(String roomId, String userId, boolean typing, Duration timeout) {
        Map<String, Object> body = typing ? Map.of("typing", true, "timeout", timeout.toMillis()) : Map.of("typing", false);
        return call("PUT", path("rooms", roomId, "typing", userId), body, Object.class);
    }

    public CompletableFuture<Object> leave(String roomId) {
        return call("POST", path("rooms", roomId, "leave"), Map.of(), Object.class);
    }

    /** A page of a room's events before {@code from}, newest first, never before {@code to}. */
    public CompletableFuture<MatrixJson.Messages> messages(String roomId, String from, String to, int limit) {
        String query = "?dir=b&limit=" + limit + "&from=" + encode(from) + "&to=" + encode(to);
        return call("GET", path("rooms", roomId, "messages") + query, null, MatrixJson.Messages.class);
    }

    public CompletableFuture<Object> setAccountData(String userId, String type, Object content) {
        return call("PUT", path("user", userId, "account_data", type), content, Object.class);
    }

    /** The room id an alias names. */
    public CompletableFuture<String> resolveAlias(String alias) {
        return requiredText("GET", path("directory", "room", alias), null, "room_id");
    }

    public CompletableFuture<List<String>> joinedRooms() {
        return call("GET", "/joined_rooms", null, MatrixJson.JoinedRooms.class).thenApply(MatrixJson.JoinedRooms::joinedRooms);
    }

    /** A room's state event content; fails with a 404 when the room has none of that type. */
    public <T> CompletableFuture<T> state(String roomId, String type, Class<T> content) {
        return call("GET", path("rooms", roomId, "state", type) + "/", null, content);
    }

    /** Waits for a call; a {@link MatrixException} is thrown as is, any other failure as the call's completion exception. */
    public static <T> T await(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof MatrixException matrix ? matrix : e;
        }
    }

    @Override
    public void close() {
        CoroutineScopeKt.cancel(scope, null);
        http.close();
    }

    /** A call whose answer is one text field, which must not be empty. */
    private CompletableFuture<String> requiredText(String method, String path, Object body, String field) {
        return call(method, path, body, JsonNode.class).thenApply(answer -> required(answer.path(field).textValue(), field));
    }

    private <T> CompletableFuture<T> call(String method, String path, Object body, Class<T> answer) {
        return call(method, path, body, requestTimeout, answer);
    }

    private <T> CompletableFuture<T> call(String method, String path, Object body, Duration timeout, Class<T> answer) {
        HttpRequestBuilder request = new HttpRequestBuilder();
        request.setMethod(new HttpMethod(method));
        HttpRequestKt.url(request, api + path);
        request.getHeaders().append("Authorization", authorization);
        request.getHeaders().append("Accept", "application/json");
        if (body != null) {
            String json = MatrixJson.MAPPER.valueToTree(body).toString();
            request.setBody(new TextContent(json, ContentType.Application.INSTANCE.getJson(), null));
        }
        HttpTimeoutKt.timeout(request, config -> {
            config.setRequestTimeoutMillis(timeout.toMillis());
            return Unit.INSTANCE;
        });
        return this.<HttpResponse>suspending(continuation -> new HttpStatement(request, http).execute(continuation))
                .thenCompose(response -> this.<String>suspending(next -> HttpResponseKt.bodyAsText(response, UTF_8, next))
                        .thenApply(text -> read(response, text, answer)));
    }

    /** Runs one suspend call in our scope: the lambda hands the continuation to it. */
    private <T> CompletableFuture<T> suspending(Function<Continuation<? super T>, Object> suspendCall) {
        return FutureKt.future(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT,
                (coroutineScope, continuation) -> suspendCall.apply(continuation));
    }

    private static <T> T read(HttpResponse response, String text, Class<T> answer) {
        int status = response.getStatus().getValue();
        String retryAfterHeader = response.getHeaders().get("Retry-After");
        boolean ok = status >= 200 && status < 300;
        try {
            JsonNode body = MatrixJson.MAPPER.readTree(text);
            if (body.isObject() && ok) {
                return MatrixJson.MAPPER.treeToValue(body, answer);
            }
            if (body.isObject()) {
                throw failed(status, retryAfterHeader, MatrixJson.MAPPER.treeToValue(body, MatrixJson.Error.class));
            }
        } catch (JsonProcessingException | IllegalArgumentException unreadable) {
            // Read as no body at all.
        }
        if (ok) {
            throw new MatrixException(status, MatrixException.MALFORMED_RESPONSE, -1,
                    "the homeserver answered HTTP " + status + " with a body that is not a JSON object" + describe(text));
        }
        throw failed(status, retryAfterHeader, new MatrixJson.Error(null, null, null));
    }

    /** The Retry-After header wins over the deprecated {@code retry_after_ms}, which servers still send. */
    private static MatrixException failed(int status, String retryAfterHeader, MatrixJson.Error error) {
        String errcode = error.errcode() != null ? error.errcode() : "M_UNKNOWN";
        long retryAfterMs = retryAfterMillis(retryAfterHeader);
        if (retryAfterMs < 0 && error.retryAfterMs() != null) {
            retryAfterMs = Math.max(0, error.retryAfterMs());
        }
        String reason = error.error() != null ? ": " + shorten(error.error()) : "";
        return new MatrixException(status, errcode, retryAfterMs, "HTTP " + status + " " + errcode + reason);
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
        return text.isEmpty() ? " (empty)" : " (" + text.length() + " characters, starting with \"" + shorten(text) + "\")";
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= DESCRIBED_CHARACTERS ? oneLine : Texts.clip(oneLine, DESCRIBED_CHARACTERS) + "…";
    }


    private static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new MatrixException(200, MatrixException.MALFORMED_RESPONSE, -1, "the answer has no \"" + field + "\"");
        }
        return value;
    }

    /** Path segments, each encoded: Matrix ids hold '!', '#', '@', ':' and '$'. */
    private static String path(String... segments) {
        return Arrays.stream(segments).map(MatrixClient::encode).collect(Collectors.joining("/", "/", ""));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, UTF_8).replace("+", "%20");
    }
}
