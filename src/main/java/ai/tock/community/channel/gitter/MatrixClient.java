package ai.tock.community.channel.gitter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The few Matrix client-server API calls the Gitter channel makes, over ktor-client CIO.
 * Every call returns a future; failures are {@link MatrixException}s (the server said no) or I/O errors.
 * The access token only travels in the {@code Authorization} header.
 */
public final class MatrixClient implements AutoCloseable {

    private static final String API = "/_matrix/client/v3";
    /** A long-poll may legitimately take its whole timeout: leave room for the answer to travel. */
    private static final Duration SYNC_MARGIN = Duration.ofSeconds(15);
    /** Caps Retry-After seconds so that their milliseconds cannot overflow; the waits themselves are capped lower later. */
    private static final long MAX_RETRY_AFTER_SECONDS = Duration.ofHours(1).toSeconds();

    public record Whoami(String userId) {
    }

    /** One /sync answer: the token to resume from and the {@code rooms} section (a missing node when absent). */
    public record SyncBatch(String nextBatch, JsonNode rooms) {
    }

    private final URI homeserver;
    private final String authorization;
    private final Duration requestTimeout;
    private final ObjectMapper json = JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
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

    public CompletableFuture<Whoami> whoami() {
        return call("whoami", HttpMethod.Companion.getGet(), API + "/account/whoami", null, requestTimeout)
                .thenApply(body -> new Whoami(requiredText(body, "user_id", "whoami")));
    }

    /** Joins a room by alias or id and returns its room id. */
    public CompletableFuture<String> join(String roomIdOrAlias) {
        return call("join", HttpMethod.Companion.getPost(), API + "/join/" + encode(roomIdOrAlias), emptyObject(), requestTimeout)
                .thenApply(body -> requiredText(body, "room_id", "join"));
    }

    public CompletableFuture<Optional<String>> displayName(String userId) {
        return call("profile", HttpMethod.Companion.getGet(), API + "/profile/" + encode(userId) + "/displayname", null, requestTimeout)
                .thenApply(body -> Optional.ofNullable(body.path("displayname").textValue()).filter(name -> !name.isBlank()));
    }

    /** Uploads a sync filter and returns its id. */
    public CompletableFuture<String> createFilter(String userId, JsonNode filter) {
        return call("filter", HttpMethod.Companion.getPost(), API + "/user/" + encode(userId) + "/filter", filter, requestTimeout)
                .thenApply(body -> requiredText(body, "filter_id", "filter"));
    }

    /**
     * Long-polls for new events.
     *
     * @param filterId a filter id, or null for none
     * @param since    the previous batch's {@code next_batch}, or null for an initial sync
     */
    public CompletableFuture<SyncBatch> sync(String filterId, String since, Duration timeout) {
        StringBuilder path = new StringBuilder(API).append("/sync?timeout=").append(timeout.toMillis());
        if (filterId != null) {
            path.append("&filter=").append(encode(filterId));
        }
        if (since != null) {
            path.append("&since=").append(encode(since));
        }
        return call("sync", HttpMethod.Companion.getGet(), path.toString(), null, timeout.plus(SYNC_MARGIN))
                .thenApply(body -> new SyncBatch(requiredText(body, "next_batch", "sync"), body.path("rooms")));
    }

    /** Sends an {@code m.room.message}; the server ignores a repeated txnId, which makes retries safe. Returns the event id. */
    public CompletableFuture<String> sendMessage(String roomId, String txnId, JsonNode content) {
        String path = API + "/rooms/" + encode(roomId) + "/send/m.room.message/" + encode(txnId);
        return call("send", HttpMethod.Companion.getPut(), path, content, requestTimeout)
                .thenApply(body -> body.path("event_id").asText(""));
    }

    public CompletableFuture<Void> receipt(String roomId, String eventId) {
        String path = API + "/rooms/" + encode(roomId) + "/receipt/m.read/" + encode(eventId);
        return call("receipt", HttpMethod.Companion.getPost(), path, emptyObject(), requestTimeout).thenApply(body -> null);
    }

    public CompletableFuture<Void> typing(String roomId, String userId, boolean typing, Duration timeout) {
        ObjectNode body = emptyObject().put("typing", typing);
        if (typing) {
            body.put("timeout", timeout.toMillis());
        }
        String path = API + "/rooms/" + encode(roomId) + "/typing/" + encode(userId);
        return call("typing", HttpMethod.Companion.getPut(), path, body, requestTimeout).thenApply(ignored -> null);
    }

    public CompletableFuture<Integer> joinedMemberCount(String roomId) {
        return call("joined_members", HttpMethod.Companion.getGet(), API + "/rooms/" + encode(roomId) + "/joined_members", null, requestTimeout)
                .thenApply(body -> {
                    JsonNode joined = body.path("joined");
                    if (!joined.isObject()) {
                        throw new MatrixException(200, MatrixException.MALFORMED_RESPONSE, -1, "joined_members: no \"joined\" object");
                    }
                    return joined.size();
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

    private CompletableFuture<JsonNode> call(String operation, HttpMethod method, String pathAndQuery, JsonNode body, Duration timeout) {
        HttpRequestBuilder request = new HttpRequestBuilder();
        request.setMethod(method);
        HttpRequestKt.url(request, homeserver + pathAndQuery);
        request.getHeaders().append("Authorization", authorization);
        request.getHeaders().append("Accept", "application/json");
        if (body != null) {
            request.setBody(new TextContent(body.toString(), ContentType.Application.INSTANCE.getJson(), null));
        }
        HttpTimeoutKt.timeout(request, config -> {
            config.setRequestTimeoutMillis(timeout.toMillis());
            return Unit.INSTANCE;
        });
        return this.<HttpResponse>suspending(continuation -> new HttpStatement(request, http).execute(continuation))
                .thenCompose(response -> this.<String>suspending(continuation ->
                                HttpResponseKt.bodyAsText(response, StandardCharsets.UTF_8, continuation))
                        .thenApply(text -> interpret(operation, response.getStatus().getValue(),
                                response.getHeaders().get("Retry-After"), text)));
    }

    /** Runs one suspend call in our scope: the lambda hands the continuation to it. */
    private <T> CompletableFuture<T> suspending(Function<Continuation<? super T>, Object> suspendCall) {
        return FutureKt.future(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT,
                (coroutineScope, continuation) -> suspendCall.apply(continuation));
    }

    private JsonNode interpret(String operation, int status, String retryAfterHeader, String text) {
        JsonNode body = readJson(text);
        if (status >= 200 && status < 300) {
            if (body == null || !body.isObject()) {
                throw new MatrixException(status, MatrixException.MALFORMED_RESPONSE, -1,
                        operation + ": the homeserver answered HTTP " + status + " with a body that is not a JSON object" + describe(text));
            }
            return body;
        }
        JsonNode error = body == null ? JsonNodeFactory.instance.objectNode() : body;
        String errcode = error.path("errcode").isTextual() ? error.path("errcode").asText() : "M_UNKNOWN";
        long retryAfterMs = retryAfterMillis(retryAfterHeader);
        if (retryAfterMs < 0 && error.path("retry_after_ms").canConvertToLong()) {
            retryAfterMs = Math.max(0, error.path("retry_after_ms").asLong());
        }
        String reason = error.path("error").isTextual() ? ": " + shorten(error.path("error").asText()) : "";
        throw new MatrixException(status, errcode, retryAfterMs, operation + " failed with HTTP " + status + " " + errcode + reason);
    }

    private JsonNode readJson(String text) {
        try {
            return text == null || text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Retry-After is either delay-seconds or an HTTP date. */
    private static long retryAfterMillis(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Math.max(0, Math.min(Long.parseLong(header.strip()), MAX_RETRY_AFTER_SECONDS)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime date = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(date.getZone()), date).toMillis());
            } catch (RuntimeException notADate) {
                return -1;
            }
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
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "…";
    }

    private static String requiredText(JsonNode body, String field, String operation) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new MatrixException(200, MatrixException.MALFORMED_RESPONSE, -1, operation + ": the answer has no \"" + field + "\"");
        }
        return value.asText();
    }

    private static ObjectNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** One path or query segment; Matrix ids hold '!', '#', '@', ':' and '$'. */
    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
