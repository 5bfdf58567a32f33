package ai.tock.community.channel.gitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Matrix homeserver on 127.0.0.1 that serves what the Gitter channel calls, with the event shapes of the Matrix
 * client-server specification: whoami, profile, join, leave, filter, a long-polling /sync over an append-only event
 * log (limited timelines with prev_batch, a joined room's state on its first appearance, m.direct account data,
 * invites with is_direct and their stripped state), /messages, send (deduplicated by txnId, scriptable failures),
 * receipt, typing, joined_members, account data, room directory, joined_rooms and room state. The bot's own
 * messages and joins go into the log, as on a real server.
 */
final class FakeHomeserver implements AutoCloseable {

    static final String TOKEN = "syt_dG9ja2JvdA_SECRETsecret_1a2b3c";
    static final String BOT = "@tockbot:gitter.im";
    static final String BOT_NAME = "Tock Bot";
    static final String LOBBY_ALIAS = "#tockchat_Lobby:gitter.im";
    static final String LOBBY = "!lobby:gitter.im";

    /** Ways a /sync can go wrong. */
    enum SyncFault { GARBAGE, TRUNCATED_JSON, NO_NEXT_BATCH, DROP_CONNECTION, HANG_UP, SERVER_ERROR, RATE_LIMITED, UNKNOWN_FILTER }

    /** A send the server accepted. */
    record Sent(String roomId, String txnId, JsonNode content) {
    }

    private record Failure(int status, String errcode, Long retryAfterMs, String retryAfterHeader, String error) {
    }

    private record LoggedEvent(String roomId, ObjectNode event) {
    }

    private static final Pattern JOIN = Pattern.compile("/_matrix/client/v3/join/([^/]+)");
    private static final Pattern PROFILE = Pattern.compile("/_matrix/client/v3/profile/([^/]+)/displayname");
    private static final Pattern FILTER = Pattern.compile("/_matrix/client/v3/user/([^/]+)/filter");
    private static final Pattern SEND = Pattern.compile("/_matrix/client/v3/rooms/([^/]+)/send/m\\.room\\.message/([^/]+)");
    private static final Pattern RECEIPT = Pattern.compile("/_matrix/client/v3/rooms/([^/]+)/receipt/m\\.read/([^/]+)");
    private static final Pattern TYPING = Pattern.compile("/_matrix/client/v3/rooms/([^/]+)/typing/([^/]+)");
    private static final Pattern MEMBERS = Pattern.compile("/_matrix/client/v3/rooms/([^/]+)/joined_members");
    private static final Pattern LEAVE = Pattern.compile("/_matrix/client/v3/rooms/([^/]+)/leave");
    private static final Pattern MESSAGES = Pattern.compile("/_matrix/client/v3/rooms/([^/]+)/messages");
    private static final Pattern STATE = Pattern.compile("/_matrix/client/v3/rooms/([^/]+)/state/([^/]+)/?");
    private static final Pattern ACCOUNT_DATA = Pattern.compile("/_matrix/client/v3/user/([^/]+)/account_data/([^/]+)");
    private static final Pattern DIRECTORY = Pattern.compile("/_matrix/client/v3/directory/room/([^/]+)");
    static final String ENCRYPTION_ALGORITHM = "m.megolm.v1.aes-sha2";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-homeserver");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();

    // Everything below is guarded by lock.
    private final List<LoggedEvent> log = new ArrayList<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, Integer> memberCounts = new HashMap<>();
    private final Set<String> joinedRooms = new LinkedHashSet<>();
    private final Map<String, Boolean> invites = new LinkedHashMap<>();
    private final Map<String, String> displayNames = new HashMap<>();
    private final Deque<SyncFault> syncFaults = new ArrayDeque<>();
    private final Deque<Failure> sendFailures = new ArrayDeque<>();
    private final Map<String, Integer> refusedRooms = new HashMap<>();
    private final Map<String, String> eventIdsByTxn = new HashMap<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> sendAttempts = new ArrayList<>();
    private final List<String> receipts = new ArrayList<>();
    private final List<Boolean> typing = new ArrayList<>();
    private final List<String> joins = new ArrayList<>();
    private final List<String> sinceTokens = new ArrayList<>();
    private final List<String> filters = new ArrayList<>();
    private final List<String> requestTargets = new ArrayList<>();
    private final List<String> authorizationProblems = new ArrayList<>();
    private final Set<String> encryptedRooms = new HashSet<>();
    private final Set<String> readOnlyRooms = new HashSet<>();
    private final Set<String> stateSent = new HashSet<>();
    private final List<String> leaves = new ArrayList<>();
    private final List<String> messagesRequests = new ArrayList<>();
    private final Map<String, List<String>> directRooms = new LinkedHashMap<>();
    /** Log positions at which m.direct changed: a sync after one of them carries the account data. */
    private int directChangedAt = -1;
    private int timelineLimit = Integer.MAX_VALUE;
    private int eventCounter;
    private int unknownTokenResponses;
    private boolean tokenRevoked;
    private boolean closed;

    private FakeHomeserver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        room(LOBBY, LOBBY_ALIAS, 40);
        displayNames.put(BOT, BOT_NAME);
    }

    static FakeHomeserver start() throws IOException {
        FakeHomeserver homeserver = new FakeHomeserver();
        homeserver.server.start();
        return homeserver;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- Scripting -------------------------------------------------------------------------------------------

    /** Declares a room the bot may join (by alias or id). */
    void room(String roomId, String alias, int joinedMembers) {
        synchronized (lock) {
            if (alias != null) {
                aliases.put(alias, roomId);
            }
            memberCounts.put(roomId, joinedMembers);
        }
    }

    /** A room the bot is already in, e.g. a direct chat. */
    void joinedRoom(String roomId, int joinedMembers) {
        synchronized (lock) {
            memberCounts.put(roomId, joinedMembers);
            joinedRooms.add(roomId);
            lock.notifyAll();
        }
    }

    /** An invitation shows in the next sync only (and in initial syncs while not accepted), as on a real server. */
    void invite(String roomId, boolean direct) {
        synchronized (lock) {
            memberCounts.put(roomId, 2);
            invites.put(roomId, direct);
            log.add(new LoggedEvent(roomId, json.createObjectNode().put("__invite", direct)));
            lock.notifyAll();
        }
    }

    /** A direct chat the bot is in, listed in its m.direct account data, as a client writes it. */
    void directRoom(String roomId, String userId) {
        synchronized (lock) {
            joinedRoom(roomId, 2);
            directRooms.computeIfAbsent(userId, user -> new ArrayList<>()).add(roomId);
            directChangedAt = log.size();
            log.add(new LoggedEvent(roomId, json.createObjectNode().put("__account_data", true)));
            lock.notifyAll();
        }
    }

    /** Messages in this room are end-to-end encrypted: its state holds m.room.encryption. */
    void encrypt(String roomId) {
        synchronized (lock) {
            encryptedRooms.add(roomId);
        }
    }

    /** The bot's power level is below what sending a message needs. */
    void readOnly(String roomId) {
        synchronized (lock) {
            readOnlyRooms.add(roomId);
        }
    }

    /** A sync returns at most this many events per room; older ones are left for /messages (a limited timeline). */
    void timelineLimit(int limit) {
        synchronized (lock) {
            timelineLimit = limit;
        }
    }

    /** Redacts an event (the redaction event names it in {@code redacts}, as room versions up to 10 do). */
    String redact(String roomId, String sender, String eventId) {
        ObjectNode redaction = json.createObjectNode().put("type", "m.room.redaction").put("sender", sender).put("redacts", eventId);
        redaction.putObject("content").put("reason", "oops");
        return rawEvent(roomId, redaction);
    }

    /** An annotation (reaction) with the given key on an event. */
    String react(String roomId, String sender, String eventId, String key) {
        ObjectNode reaction = json.createObjectNode().put("type", "m.reaction").put("sender", sender);
        reaction.putObject("content").putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", eventId).put("key", key);
        return rawEvent(roomId, reaction);
    }

    /** An edit (m.replace) of an event, its new content with or without an intentional mention of the bot. */
    String edit(String roomId, String sender, String eventId, String newBody, boolean mentionsBot) {
        ObjectNode content = json.createObjectNode().put("msgtype", "m.text").put("body", "* " + newBody);
        ObjectNode newContent = content.putObject("m.new_content").put("msgtype", "m.text").put("body", newBody);
        if (mentionsBot) {
            newContent.putObject("m.mentions").putArray("user_ids").add(BOT);
            content.putObject("m.mentions").putArray("user_ids").add(BOT);
        }
        content.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", eventId);
        return event(roomId, sender, content);
    }

    void displayName(String userId, String name) {
        synchronized (lock) {
            displayNames.put(userId, name);
        }
    }

    /** A plain text message; returns its event id. */
    String message(String roomId, String sender, String body) {
        ObjectNode content = json.createObjectNode().put("msgtype", "m.text").put("body", body);
        return event(roomId, sender, content);
    }

    /** A message with the given content; returns its event id. */
    String event(String roomId, String sender, ObjectNode content) {
        ObjectNode event = json.createObjectNode().put("type", "m.room.message").put("sender", sender);
        event.set("content", content);
        return rawEvent(roomId, event);
    }

    /** Appends an event as given, adding an event_id unless it has one or carries {@code "no_event_id": true}. */
    String rawEvent(String roomId, ObjectNode event) {
        synchronized (lock) {
            if (!event.has("event_id") && !event.has("no_event_id")) {
                event.put("event_id", "$e" + (++eventCounter));
            }
            event.remove("no_event_id");
            event.put("origin_server_ts", 1_700_000_000_000L + log.size());
            log.add(new LoggedEvent(roomId, event));
            lock.notifyAll();
            return event.path("event_id").asText(null);
        }
    }

    /** Appends a JSON value that is not a proper event (any JSON). */
    void strangeEvent(String roomId, String rawJson) throws IOException {
        JsonNode node = json.readTree(rawJson);
        synchronized (lock) {
            log.add(new LoggedEvent(roomId, node.isObject() ? (ObjectNode) node : json.createObjectNode().set("__raw", node)));
            lock.notifyAll();
        }
    }

    /** Runs the additions as one: a waiting /sync sees all of them in one batch. */
    void atomically(Runnable additions) {
        synchronized (lock) {
            additions.run();
        }
    }

    void failNextSync(SyncFault fault) {
        synchronized (lock) {
            syncFaults.add(fault);
            lock.notifyAll();
        }
    }

    void failNextSend(int status, String errcode, Long retryAfterMs, String retryAfterHeader) {
        failNextSend(status, errcode, retryAfterMs, retryAfterHeader, "scripted failure");
    }

    /** The next send fails with this status, errcode and error text. */
    void failNextSend(int status, String errcode, Long retryAfterMs, String retryAfterHeader, String error) {
        synchronized (lock) {
            sendFailures.add(new Failure(status, errcode, retryAfterMs, retryAfterHeader, error));
        }
    }

    /** Every send to this room fails with the given status until {@link #acceptSendsTo}. */
    void refuseSendsTo(String roomId, int status) {
        synchronized (lock) {
            refusedRooms.put(roomId, status);
        }
    }

    void acceptSendsTo(String roomId) {
        synchronized (lock) {
            refusedRooms.remove(roomId);
        }
    }

    /** From now on every call answers 401 M_UNKNOWN_TOKEN. */
    void revokeToken() {
        synchronized (lock) {
            tokenRevoked = true;
            lock.notifyAll();
        }
    }

    // ---- Observations ----------------------------------------------------------------------------------------

    List<Sent> sent() {
        synchronized (lock) {
            return List.copyOf(sent);
        }
    }

    List<String> sendAttempts() {
        synchronized (lock) {
            return List.copyOf(sendAttempts);
        }
    }

    List<String> receipts() {
        synchronized (lock) {
            return List.copyOf(receipts);
        }
    }

    List<Boolean> typing() {
        synchronized (lock) {
            return List.copyOf(typing);
        }
    }

    /** The id of the last event this sender sent in this room. */
    String lastEventId(String roomId, String sender) {
        synchronized (lock) {
            for (int i = log.size() - 1; i >= 0; i--) {
                if (log.get(i).roomId().equals(roomId) && sender.equals(log.get(i).event().path("sender").asText(null))) {
                    return log.get(i).event().path("event_id").asText();
                }
            }
            throw new IllegalStateException(sender + " sent nothing in " + roomId);
        }
    }

    List<String> leaves() {
        synchronized (lock) {
            return List.copyOf(leaves);
        }
    }

    /** Every /messages request (room, from, to). */
    List<String> messagesRequests() {
        synchronized (lock) {
            return List.copyOf(messagesRequests);
        }
    }

    /** The bot's m.direct account data, as last written. */
    Map<String, List<String>> directRooms() {
        synchronized (lock) {
            return Map.copyOf(directRooms);
        }
    }

    List<String> joins() {
        synchronized (lock) {
            return List.copyOf(joins);
        }
    }

    List<String> sinceTokens() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<>(sinceTokens)); // null for initial syncs
        }
    }

    /** The filter of each /sync request (null when none). */
    List<String> syncFilters() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<>(filters));
        }
    }

    /** Every request line received (method, raw path and query). */
    List<String> requestTargets() {
        synchronized (lock) {
            return List.copyOf(requestTargets);
        }
    }

    List<String> authorizationProblems() {
        synchronized (lock) {
            return List.copyOf(authorizationProblems);
        }
    }

    int unknownTokenResponses() {
        synchronized (lock) {
            return unknownTokenResponses;
        }
    }

    /** The current position of the log, as a next_batch token. */
    String currentToken() {
        synchronized (lock) {
            return "s" + log.size();
        }
    }

    List<Sent> awaitSent(int count, Duration timeout) throws InterruptedException, TimeoutException {
        return awaitSent(all -> all.size() >= count, timeout);
    }

    List<Sent> awaitSent(Predicate<List<Sent>> condition, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.test(sent)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("expected sends not seen; got " + sent);
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(sent);
        }
    }

    /**
     * Waits until a /sync with a since at or after the given token has been received: everything before it was read.
     * Looks only at /sync requests from the given request number on (e.g. those of a restarted bot).
     */
    void awaitSyncPast(String token, int fromSyncRequest, Duration timeout) throws InterruptedException, TimeoutException {
        int position = Integer.parseInt(token.substring(1));
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (sinceTokens.subList(Math.min(fromSyncRequest, sinceTokens.size()), sinceTokens.size()).stream()
                    .noneMatch(since -> since != null && Integer.parseInt(since.substring(1)) >= position)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no sync past " + token + "; since tokens: " + sinceTokens);
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            synchronized (lock) {
                requestTargets.add(method + " " + path + (query == null ? "" : "?" + query));
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (!("Bearer " + TOKEN).equals(authorization)) {
                    authorizationProblems.add(method + " " + path + ": " + authorization);
                    respond(exchange, 401, error("M_MISSING_TOKEN", "no token"));
                    return;
                }
                if (tokenRevoked) {
                    unknownTokenResponses++;
                    respond(exchange, 401, error("M_UNKNOWN_TOKEN", "Invalid access token passed."));
                    return;
                }
            }
            JsonNode body = readBody(exchange);
            Matcher m;
            if (path.equals("/_matrix/client/v3/account/whoami") && method.equals("GET")) {
                respond(exchange, 200, json.createObjectNode().put("user_id", BOT).put("device_id", "FAKEDEVICE"));
            } else if (path.equals("/_matrix/client/v3/sync") && method.equals("GET")) {
                sync(exchange, query);
            } else if ((m = JOIN.matcher(path)).matches() && method.equals("POST")) {
                join(exchange, decode(m.group(1)));
            } else if ((m = PROFILE.matcher(path)).matches() && method.equals("GET")) {
                String name;
                synchronized (lock) {
                    name = displayNames.get(decode(m.group(1)));
                }
                respond(exchange, name == null ? 404 : 200, name == null ? error("M_NOT_FOUND", "no profile")
                        : json.createObjectNode().put("displayname", name));
            } else if ((m = FILTER.matcher(path)).matches() && method.equals("POST")) {
                respond(exchange, body != null && body.isObject() ? 200 : 400, json.createObjectNode().put("filter_id", "f1"));
            } else if ((m = SEND.matcher(path)).matches() && method.equals("PUT")) {
                send(exchange, decode(m.group(1)), decode(m.group(2)), body);
            } else if ((m = RECEIPT.matcher(path)).matches() && method.equals("POST")) {
                synchronized (lock) {
                    receipts.add(decode(m.group(2)));
                }
                respond(exchange, 200, json.createObjectNode());
            } else if ((m = TYPING.matcher(path)).matches() && method.equals("PUT")) {
                synchronized (lock) {
                    typing.add(body != null && body.path("typing").asBoolean());
                }
                respond(exchange, 200, json.createObjectNode());
            } else if ((m = MEMBERS.matcher(path)).matches() && method.equals("GET")) {
                members(exchange, decode(m.group(1)));
            } else if ((m = LEAVE.matcher(path)).matches() && method.equals("POST")) {
                synchronized (lock) {
                    leaves.add(decode(m.group(1)));
                    joinedRooms.remove(decode(m.group(1)));
                }
                respond(exchange, 200, json.createObjectNode());
            } else if ((m = MESSAGES.matcher(path)).matches() && method.equals("GET")) {
                messages(exchange, decode(m.group(1)), params(query));
            } else if ((m = STATE.matcher(path)).matches() && method.equals("GET")) {
                state(exchange, decode(m.group(1)), decode(m.group(2)));
            } else if ((m = ACCOUNT_DATA.matcher(path)).matches() && method.equals("PUT") && "m.direct".equals(decode(m.group(2)))) {
                synchronized (lock) {
                    directRooms.clear();
                    body.fields().forEachRemaining(user -> user.getValue().forEach(room -> directRooms.computeIfAbsent(user.getKey(),
                            u -> new ArrayList<>()).add(room.asText())));
                    directChangedAt = log.size();
                    log.add(new LoggedEvent("", json.createObjectNode().put("__account_data", true)));
                    lock.notifyAll();
                }
                respond(exchange, 200, json.createObjectNode());
            } else if ((m = DIRECTORY.matcher(path)).matches() && method.equals("GET")) {
                String roomId;
                synchronized (lock) {
                    roomId = aliases.get(decode(m.group(1)));
                }
                respond(exchange, roomId == null ? 404 : 200, roomId == null ? error("M_NOT_FOUND", "Room alias not found")
                        : json.createObjectNode().put("room_id", roomId));
            } else if (path.equals("/_matrix/client/v3/joined_rooms") && method.equals("GET")) {
                ObjectNode answer = json.createObjectNode();
                synchronized (lock) {
                    joinedRooms.forEach(answer.putArray("joined_rooms")::add);
                }
                respond(exchange, 200, answer);
            } else {
                respond(exchange, 404, error("M_UNRECOGNIZED", "Unrecognized request"));
            }
        }
    }

    private void join(HttpExchange exchange, String roomIdOrAlias) throws IOException {
        String roomId;
        synchronized (lock) {
            joins.add(roomIdOrAlias);
            roomId = aliases.getOrDefault(roomIdOrAlias, roomIdOrAlias);
            if (!memberCounts.containsKey(roomId)) {
                respond(exchange, 404, error("M_NOT_FOUND", "No known servers"));
                return;
            }
            if (joinedRooms.add(roomId)) {
                ObjectNode member = json.createObjectNode().put("type", "m.room.member").put("sender", BOT).put("state_key", BOT);
                member.putObject("content").put("membership", "join").put("displayname", BOT_NAME);
                rawEvent(roomId, member);
            }
            invites.remove(roomId);
            lock.notifyAll();
        }
        respond(exchange, 200, json.createObjectNode().put("room_id", roomId));
    }

    private void members(HttpExchange exchange, String roomId) throws IOException {
        ObjectNode answer = json.createObjectNode();
        ObjectNode joined = answer.putObject("joined");
        synchronized (lock) {
            int count = memberCounts.getOrDefault(roomId, 0);
            joined.putObject(BOT);
            for (int i = 1; i < count; i++) {
                joined.putObject("@member" + i + ":gitter.im");
            }
        }
        respond(exchange, 200, answer);
    }

    private void send(HttpExchange exchange, String roomId, String txnId, JsonNode content) throws IOException {
        Failure failure;
        String eventId;
        synchronized (lock) {
            sendAttempts.add(txnId);
            Integer refusal = refusedRooms.get(roomId);
            failure = refusal != null ? new Failure(refusal, "M_UNKNOWN", null, null, "room refused") : sendFailures.poll();
            if (failure == null) {
                eventId = eventIdsByTxn.get(txnId);
                if (eventId == null) {
                    // A repeated txnId is the same message: recorded and logged once, as Synapse does.
                    ObjectNode event = json.createObjectNode().put("type", "m.room.message").put("sender", BOT);
                    event.set("content", content);
                    eventId = rawEvent(roomId, event);
                    eventIdsByTxn.put(txnId, eventId);
                    sent.add(new Sent(roomId, txnId, content));
                }
            } else {
                eventId = null;
            }
        }
        if (failure != null) {
            ObjectNode error = error(failure.errcode(), failure.error());
            if (failure.retryAfterMs() != null) {
                error.put("retry_after_ms", failure.retryAfterMs());
            }
            if (failure.retryAfterHeader() != null) {
                exchange.getResponseHeaders().add("Retry-After", failure.retryAfterHeader());
            }
            respond(exchange, failure.status(), error);
            return;
        }
        respond(exchange, 200, json.createObjectNode().put("event_id", eventId));
    }

    /** GET /rooms/{id}/messages, backwards only: the room's events before {@code from}, not before {@code to}, newest first. */
    private void messages(HttpExchange exchange, String roomId, Map<String, String> params) throws IOException {
        ObjectNode answer = json.createObjectNode();
        synchronized (lock) {
            messagesRequests.add(roomId + " from=" + params.get("from") + " to=" + params.get("to"));
            int from = Integer.parseInt(params.get("from").substring(1));
            int to = params.containsKey("to") ? Integer.parseInt(params.get("to").substring(1)) : 0;
            int limit = Integer.parseInt(params.getOrDefault("limit", "10"));
            ArrayNode chunk = answer.put("start", params.get("from")).putArray("chunk");
            int index = from - 1;
            for (; index >= to && chunk.size() < limit; index--) {
                LoggedEvent logged = log.get(index);
                if (logged.roomId().equals(roomId) && !logged.event().has("__invite") && !logged.event().has("__account_data")) {
                    chunk.add(logged.event());
                }
            }
            if (index >= to) {
                answer.put("end", "s" + (index + 1));
            }
        }
        respond(exchange, 200, answer);
    }

    /** GET /rooms/{id}/state/{type}/: m.room.encryption and m.room.power_levels, as a member sees them. */
    private void state(HttpExchange exchange, String roomId, String type) throws IOException {
        ObjectNode content = null;
        synchronized (lock) {
            if (!joinedRooms.contains(roomId)) {
                respond(exchange, 403, error("M_FORBIDDEN", "You aren't a member of the room"));
                return;
            }
            if (type.equals("m.room.encryption") && encryptedRooms.contains(roomId)) {
                content = json.createObjectNode().put("algorithm", ENCRYPTION_ALGORITHM);
            } else if (type.equals("m.room.power_levels")) {
                content = json.createObjectNode().put("users_default", 0).put("events_default", readOnlyRooms.contains(roomId) ? 50 : 0);
                content.putObject("users").put("@admin:gitter.im", 100);
            }
        }
        respond(exchange, content == null ? 404 : 200, content == null ? error("M_NOT_FOUND", "Event not found.") : content);
    }

    private void sync(HttpExchange exchange, String query) throws IOException {
        Map<String, String> params = params(query);
        String since = params.get("since");
        long timeoutMs = Long.parseLong(params.getOrDefault("timeout", "0"));
        ObjectNode answer;
        SyncFault fault;
        synchronized (lock) {
            sinceTokens.add(since);
            filters.add(params.get("filter"));
            lock.notifyAll();
            int from = since == null ? 0 : Integer.parseInt(since.substring(1));
            long deadline = System.currentTimeMillis() + timeoutMs;
            // Long-poll: hold the request until something happens or the timeout ends.
            while (since != null && log.size() <= from && syncFaults.isEmpty() && !tokenRevoked && !closed) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (tokenRevoked) {
                unknownTokenResponses++;
                respond(exchange, 401, error("M_UNKNOWN_TOKEN", "Invalid access token passed."));
                return;
            }
            fault = syncFaults.poll();
            answer = fault == null ? syncAnswer(since == null, from) : null;
        }
        if (fault == null) {
            respond(exchange, 200, answer);
            return;
        }
        switch (fault) {
            case GARBAGE -> respondRaw(exchange, 200, "<html><body>502 Bad Gateway</body></html>");
            case TRUNCATED_JSON -> respondRaw(exchange, 200, "{\"next_batch\":\"s999\",\"rooms\":{\"join\":{\"" + LOBBY + "\":{\"timeline\":{\"events\":[{\"type\":");
            case NO_NEXT_BATCH -> respondRaw(exchange, 200, "{\"rooms\":{}}");
            case SERVER_ERROR -> respond(exchange, 502, error("M_UNKNOWN", "upstream down"));
            case RATE_LIMITED -> respond(exchange, 429, error("M_LIMIT_EXCEEDED", "slow down").put("retry_after_ms", 20));
            case UNKNOWN_FILTER -> respond(exchange, 400, error("M_INVALID_PARAM", "unknown filter"));
            case HANG_UP -> throw new IOException("hung up before answering, on purpose");
            case DROP_CONNECTION -> {
                // Promise a body, send a few bytes of it, and hang up.
                exchange.sendResponseHeaders(200, 10_000);
                exchange.getResponseBody().write("{\"next_ba".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                throw new IOException("connection dropped on purpose");
            }
        }
    }

    /** Must hold lock. */
    private ObjectNode syncAnswer(boolean initial, int from) {
        ObjectNode answer = json.createObjectNode().put("next_batch", "s" + log.size());
        ObjectNode rooms = answer.putObject("rooms");
        ObjectNode join = rooms.putObject("join");
        if (initial) {
            stateSent.clear();
            for (String roomId : joinedRooms) {
                roomNode(join, roomId).putObject("summary").put("m.joined_member_count", memberCounts.getOrDefault(roomId, 0));
            }
        }
        if ((initial || directChangedAt >= from) && !directRooms.isEmpty()) {
            ObjectNode direct = answer.putObject("account_data").putArray("events").addObject().put("type", "m.direct").putObject("content");
            directRooms.forEach((user, roomIds) -> roomIds.forEach(direct.withArray(user)::add));
        }
        Map<String, Boolean> newInvites = new LinkedHashMap<>();
        if (initial) {
            newInvites.putAll(invites);
        }
        Map<String, Integer> perRoom = new HashMap<>();
        log.subList(from, log.size()).forEach(logged -> perRoom.merge(logged.roomId(), 1, Integer::sum));
        for (int index = from; index < log.size(); index++) {
            LoggedEvent logged = log.get(index);
            if (logged.event().has("__account_data")) {
                continue;
            }
            if (!logged.event().has("__invite") && perRoom.merge(logged.roomId(), -1, Integer::sum) >= timelineLimit) {
                // Left out of a limited timeline: the client fetches it with /messages from prev_batch.
                ObjectNode timeline = (ObjectNode) roomNode(join, logged.roomId()).get("timeline");
                timeline.put("limited", true).put("prev_batch", "s" + (index + 1));
                continue;
            }
            if (logged.event().has("__invite")) {
                if (invites.containsKey(logged.roomId())) {
                    newInvites.put(logged.roomId(), logged.event().get("__invite").asBoolean());
                }
                continue;
            }
            ObjectNode room = roomNode(join, logged.roomId());
            JsonNode event = logged.event().has("__raw") ? logged.event().get("__raw") : logged.event();
            ((ArrayNode) room.get("timeline").get("events")).add(event);
            String sender = event.path("sender").asText(null);
            if (sender != null && displayNames.containsKey(sender)) {
                ObjectNode member = ((ArrayNode) room.get("state").get("events")).addObject()
                        .put("type", "m.room.member").put("state_key", sender).put("sender", sender).put("event_id", "$m-" + sender);
                member.putObject("content").put("membership", "join").put("displayname", displayNames.get(sender));
            }
        }
        if (!newInvites.isEmpty()) {
            ObjectNode invite = rooms.putObject("invite");
            newInvites.forEach((roomId, direct) -> {
                ArrayNode stripped = invite.putObject(roomId).putObject("invite_state").putArray("events");
                ObjectNode member = stripped.addObject().put("type", "m.room.member").put("state_key", BOT).put("sender", "@alice:gitter.im");
                member.putObject("content").put("membership", "invite").put("is_direct", direct);
                if (encryptedRooms.contains(roomId)) {
                    stripped.addObject().put("type", "m.room.encryption").put("state_key", "").put("sender", "@alice:gitter.im")
                            .putObject("content").put("algorithm", ENCRYPTION_ALGORITHM);
                }
            });
        }
        return answer;
    }

    /** A joined room's section; its first appearance since the bot joined carries its state (here: m.room.encryption). */
    private ObjectNode roomNode(ObjectNode join, String roomId) {
        if (!join.has(roomId)) {
            ObjectNode room = join.putObject(roomId);
            room.putObject("timeline").put("limited", false).putArray("events");
            ArrayNode state = room.putObject("state").putArray("events");
            if (stateSent.add(roomId) && encryptedRooms.contains(roomId)) {
                state.addObject().put("type", "m.room.encryption").put("state_key", "").put("sender", "@alice:gitter.im")
                        .put("event_id", "$encryption-" + roomId).putObject("content").put("algorithm", ENCRYPTION_ALGORITHM);
            }
        }
        return (ObjectNode) join.get(roomId);
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private ObjectNode error(String errcode, String message) {
        return json.createObjectNode().put("errcode", errcode).put("error", message);
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        respondRaw(exchange, status, json.writeValueAsString(body));
    }

    private static void respondRaw(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                params.put(decode(equals < 0 ? pair : pair.substring(0, equals)), equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return params;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
