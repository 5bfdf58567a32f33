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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The few Matrix client-server API calls the Gitter channel makes, over ktor-client CIO, their answers bound to
 * {@link MatrixJson} records. Every call returns a future; failures are {@link MatrixException}s (the server said
 * no, or its answer is unreadable) or I/O errors. The access token only travels in the {@code Authorization} header.
 */
public final class MatrixClient implements AutoCloseable {

    private static final String API = "/_matrix/client/v3";
    /** A long-poll may legitimately take its whole timeout: leave room for the answer to travel. */
    private static final Duration SYNC_MARGIN = Duration.ofSeconds(15);
    private static final int DESCRIBED_CHARACTERS = 60;

    private final URI homeserver;
    private final String authorization;
    private final Duration requestTimeout;
    private final CoroutineScope scope;
    private final HttpClient http;

    public MatrixClient(URI homeserver, String accessToken) {
        this(homeserver, accessToken, Duration.ofSeconds(30));
    }

    public MatrixClient(URI homeserver, String accessToken, Duration requestTimeout) {
        this.homeserver = homeserver;
        this.authorization = "Bearer " + accessToken;
        this.requestTimeout = requestTimeout;
        // A scope of our own, cancelled on close, so that no call outlives the connector. A supervisor job:
        // one failed call must not cancel the scope, and with it every later call.
        this.scope = CoroutineScopeKt.CoroutineScope(SupervisorKt.SupervisorJob(null).plus(Dispatchers.getIO()));
        this.http = HttpClientKt.HttpClient(CIO.INSTANCE, config -> {
            config.install(HttpTimeout.Plugin, timeout -> {
                timeout.setConnectTimeoutMillis(Math.min(10_000L, requestTimeout.toMillis()));
                timeout.setRequestTimeoutMillis(requestTimeout.toMillis());
                return Unit.INSTANCE;
            });
            return Unit.INSTANCE;
        });
    }

    public CompletableFuture<String> whoami() {
        return get("whoami", API + "/account/whoami", MatrixJson.Whoami.class)
                .thenApply(answer -> required(answer.userId(), "user_id", "whoami"));
    }

    /** Joins a room by alias or id and returns its room id. */
    public CompletableFuture<String> join(String roomIdOrAlias) {
        return call("join", HttpMethod.Companion.getPost(), API + "/join/" + encode(roomIdOrAlias), Map.of(), requestTimeout,
                MatrixJson.RoomId.class).thenApply(answer -> required(answer.roomId(), "room_id", "join"));
    }

    public CompletableFuture<Optional<String>> displayName(String userId) {
        return get("profile", API + "/profile/" + encode(userId) + "/displayname", MatrixJson.Profile.class)
                .thenApply(answer -> Optional.ofNullable(answer.displayname()).filter(name -> !name.isBlank()));
    }

    /** Uploads a sync filter and returns its id. */
    public CompletableFuture<String> createFilter(String userId, Object filter) {
        return call("filter", HttpMethod.Companion.getPost(), API + "/user/" + encode(userId) + "/filter", filter, requestTimeout,
                MatrixJson.FilterId.class).thenApply(answer -> required(answer.filterId(), "filter_id", "filter"));
    }

    /**
     * Long-polls for new events.
     *
     * @param filterId a filter id, or null for none
     * @param since    the previous batch's {@code next_batch}, or null for an initial sync
     */
    public CompletableFuture<MatrixJson.Sync> sync(String filterId, String since, Duration timeout) {
        StringBuilder path = new StringBuilder(API).append("/sync?timeout=").append(timeout.toMillis());
        if (filterId != null) {
            path.append("&filter=").append(encode(filterId));
        }
        if (since != null) {
            path.append("&since=").append(encode(since));
        }
        return call("sync", HttpMethod.Companion.getGet(), path.toString(), null, timeout.plus(SYNC_MARGIN), MatrixJson.Sync.class)
                .thenApply(batch -> {
                    required(batch.nextBatch(), "next_batch", "sync");
                    return batch;
                });
    }

    /** Sends an {@code m.room.message}; the server ignores a repeated txnId, which makes retries safe. Returns the event id. */
    public CompletableFuture<String> sendMessage(String roomId, String txnId, JsonNode content) {
        String path = API + "/rooms/" + encode(roomId) + "/send/m.room.message/" + encode(txnId);
        return call("send", HttpMethod.Companion.getPut(), path, content, requestTimeout, MatrixJson.EventId.class)
                .thenApply(answer -> answer.eventId() == null ? "" : answer.eventId());
    }

    public CompletableFuture<Void> receipt(String roomId, String eventId) {
        String path = API + "/rooms/" + encode(roomId) + "/receipt/m.read/" + encode(eventId);
        return call("receipt", HttpMethod.Companion.getPost(), path, Map.of(), requestTimeout, Object.class).thenApply(ignored -> null);
    }

    public CompletableFuture<Void> typing(String roomId, String userId, boolean typing, Duration timeout) {
        Map<String, Object> body = typing ? Map.of("typing", true, "timeout", timeout.toMillis()) : Map.of("typing", false);
        String path = API + "/rooms/" + encode(roomId) + "/typing/" + encode(userId);
        return call("typing", HttpMethod.Companion.getPut(), path, body, requestTimeout, Object.class).thenApply(ignored -> null);
    }

    public CompletableFuture<Integer> joinedMemberCount(String roomId) {
        return get("joined_members", API + "/rooms/" + encode(roomId) + "/joined_members", MatrixJson.JoinedMembers.class)
                .thenApply(answer -> {
                    if (answer.joined() == null) {
                        throw new MatrixException(200, MatrixException.MALFORMED_RESPONSE, -1, "joined_members: no \"joined\" object");
                    }
                    return answer.joined().size();
                });
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
            if (cause instanceof MatrixException matrix) {
                throw matrix;
            }
            if (cause instanceof CancellationException cancelled) {
                throw cancelled;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
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

    private <T> CompletableFuture<T> get(String operation, String pathAndQuery, Class<T> answer) {
        return call(operation, HttpMethod.Companion.getGet(), pathAndQuery, null, requestTimeout, answer);
    }

    private <T> CompletableFuture<T> call(String operation, HttpMethod method, String pathAndQuery, Object body, Duration timeout,
                                          Class<T> answer) {
        HttpRequestBuilder request = new HttpRequestBuilder();
        request.setMethod(method);
        HttpRequestKt.url(request, homeserver + pathAndQuery);
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
                .thenCompose(response -> this.<String>suspending(continuation ->
                                HttpResponseKt.bodyAsText(response, StandardCharsets.UTF_8, continuation))
                        .thenApply(text -> interpret(operation, response.getStatus().getValue(),
                                response.getHeaders().get("Retry-After"), text, answer)));
    }

    /** Runs one suspend call in our scope: the lambda hands the continuation to it. */
    private <T> CompletableFuture<T> suspending(Function<Continuation<? super T>, Object> suspendCall) {
        return FutureKt.future(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT,
                (coroutineScope, continuation) -> suspendCall.apply(continuation));
    }

    private static <T> T interpret(String operation, int status, String retryAfterHeader, String text, Class<T> answer) {
        JsonNode body = readJson(text);
        if (status >= 200 && status < 300) {
            if (body == null || !body.isObject()) {
                throw new MatrixException(status, MatrixException.MALFORMED_RESPONSE, -1,
                        operation + ": the homeserver answered HTTP " + status + " with a body that is not a JSON object" + describe(text));
            }
            try {
                return MatrixJson.MAPPER.treeToValue(body, answer);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new MatrixException(status, MatrixException.MALFORMED_RESPONSE, -1, operation + ": unreadable answer" + describe(text));
            }
        }
        MatrixJson.Error error = readError(body);
        String errcode = error.errcode() != null ? error.errcode() : "M_UNKNOWN";
        long retryAfterMs = retryAfterMillis(retryAfterHeader);
        if (retryAfterMs < 0 && error.retryAfterMs() != null) {
            retryAfterMs = Math.max(0, error.retryAfterMs());
        }
        String reason = error.error() != null ? ": " + shorten(error.error()) : "";
        throw new MatrixException(status, errcode, retryAfterMs, operation + " failed with HTTP " + status + " " + errcode + reason);
    }

    private static JsonNode readJson(String text) {
        try {
            return text == null || text.isBlank() ? null : MatrixJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static MatrixJson.Error readError(JsonNode body) {
        try {
            MatrixJson.Error error = body == null || !body.isObject() ? null : MatrixJson.MAPPER.treeToValue(body, MatrixJson.Error.class);
            return error != null ? error : new MatrixJson.Error(null, null, null);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new MatrixJson.Error(null, null, null);
        }
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
        if (header == null || header.isBlank()) {
            return -1;
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
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
        if (text == null || text.isEmpty()) {
            return " (empty)";
        }
        return " (" + text.length() + " characters, starting with \"" + shorten(text) + "\")";
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
