package ai.tock.community.channel.gitter;

import ai.tock.bot.connector.ConnectorBase;
import ai.tock.bot.connector.ConnectorCallback;
import ai.tock.bot.connector.ConnectorCallbackBase;
import ai.tock.bot.connector.ConnectorData;
import ai.tock.bot.connector.ConnectorMessage;
import ai.tock.bot.connector.ConnectorType;
import ai.tock.bot.engine.BotBus;
import ai.tock.bot.engine.ConnectorController;
import ai.tock.bot.engine.action.Action;
import ai.tock.bot.engine.action.ActionMetadata;
import ai.tock.bot.engine.action.SendSentence;
import ai.tock.bot.engine.dialog.EventState;
import ai.tock.bot.engine.event.Event;
import ai.tock.bot.engine.message.GenericMessage;
import ai.tock.bot.engine.user.PlayerId;
import ai.tock.bot.engine.user.PlayerType;
import ai.tock.bot.engine.user.UserPreferences;
import ai.tock.community.bot.BotPort;
import ai.tock.community.bot.OperatorLog;
import ai.tock.community.shared.BoundedCaches;
import ai.tock.community.shared.RateLimiter;
import ai.tock.community.shared.Texts;
import ai.tock.translator.UserInterfaceType;
import com.fasterxml.jackson.databind.JsonNode;
import kotlin.jvm.functions.Function1;
import org.litote.kmongo.id.ObjectIdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Tock connector for Gitter, a Matrix homeserver since 2023: the bot is a Matrix client of gitter.im.
 * It answers in rooms when mentioned, in direct chats always, and questions in threads it already answered in;
 * each answer is one {@code m.notice} in the question's thread, sent off the sync thread. A 👍/👎 on an answer
 * is feedback; an encrypted room gets one notice that the bot cannot read it, and the bot leaves. Its own thread
 * runs whoami, the joins and the sync filter, then /sync long-polls until stopped or the token is rejected.
 */
public final class GitterConnector extends ConnectorBase {

    public static final ConnectorType GITTER = new ConnectorType("gitter", UserInterfaceType.textChat);

    private static final int MAX_QUESTIONS_PER_USER = 5;
    private static final Duration RATE_LIMIT_WINDOW = Duration.ofSeconds(30);
    /** Replies waiting for the homeserver at once; past it, a reply is dropped with a log line rather than queued. */
    private static final int MAX_PENDING_REPLIES = 100;
    private static final int REMEMBERED_ASKERS = 10_000;
    private static final int REMEMBERED_ROOMS = 1_000;
    private static final int REMEMBERED_ANSWERS = 2_000;
    /** As the web widget's 👍/👎 carry it: the question, clipped. */
    private static final int VOTED_QUESTION_MAX = 300;
    private static final int GAP_PAGES = 3;
    private static final int GAP_PAGE_SIZE = 50;
    private static final Duration TYPING_TIMEOUT = Duration.ofSeconds(30);
    private static final int JOIN_ATTEMPTS = 5;
    private static final int FILTER_ATTEMPTS = 3;
    private static final int ANSWER_ATTEMPTS = 3;
    /** Only what the channel reads: messages, edits, reactions, redactions, members (lazily), encryption, m.direct. */
    private static final Map<String, Object> SYNC_FILTER = Map.of("presence", Map.of("not_types", List.of("*")),
            "account_data", Map.of("types", List.of("m.direct")), "room", Map.of(
                    "timeline", Map.of("limit", 100, "types", List.of("m.room.message", "m.room.member", "m.room.redaction",
                            "m.reaction", "m.room.encryption")),
                    "state", Map.of("lazy_load_members", true, "types", List.of("m.room.member", "m.room.encryption")),
                    "ephemeral", Map.of("not_types", List.of("*")), "account_data", Map.of("not_types", List.of("*"))));

    private static final Logger logger = LoggerFactory.getLogger(GitterConnector.class);

    private final String applicationId;
    private final GitterSettings settings;
    private final MatrixClient client;
    private final GitterTimings timings;
    private final BotPort bot;
    private final OperatorLog operatorLog;
    private final Stats stats;
    private final MatrixRetry retry;
    private final GitterPositionStore positionStore;
    private final RateLimiter rateLimiter = new RateLimiter(MAX_QUESTIONS_PER_USER, MAX_QUESTIONS_PER_USER, RATE_LIMIT_WINDOW,
            REMEMBERED_ASKERS, System::nanoTime);
    private final GitterReplyFormatter formatter = new GitterReplyFormatter();
    private final Set<CompletableFuture<String>> pendingReplies = ConcurrentHashMap.newKeySet();
    /** Each room's last reply: the next one leaves after it, so that a room sees its answers in order. */
    private final Map<String, CompletableFuture<String>> lastReplyByRoom =
            BoundedCaches.<String, CompletableFuture<String>>of(REMEMBERED_ROOMS).asMap();
    /** Answers that take a 👍/👎, by their event id; and who already voted on which. */
    private final Map<String, Answered> votable = BoundedCaches.<String, Answered>of(REMEMBERED_ANSWERS).asMap();
    private final Set<String> voted = BoundedCaches.setOf(REMEMBERED_ANSWERS);
    private final Set<String> leftEncrypted = BoundedCaches.setOf(REMEMBERED_ROOMS);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean tokenRejected = new AtomicBoolean();
    private final Thread syncThread = new Thread(this::syncUntilStopped, "gitter-sync");

    private volatile ConnectorController controller;
    /** The sync thread's call under way, cancelled by stop so that it does not wait for a long-poll to end. */
    private volatile CompletableFuture<?> syncCall;
    private volatile String botUserId;
    private volatile GitterEventFilter eventFilter;
    /** The /sync position to resume from; null before the very first sync, whose backlog is not answered. */
    private volatile String nextBatch;

    public GitterConnector(String applicationId, GitterSettings settings, MatrixClient client, GitterTimings timings,
                           BotPort bot, OperatorLog operatorLog, Stats stats) {
        super(GITTER, Set.of());
        this.applicationId = applicationId;
        this.settings = settings;
        this.client = client;
        this.timings = timings;
        this.bot = bot;
        this.operatorLog = operatorLog;
        this.stats = stats;
        this.positionStore = new GitterPositionStore(settings.syncPositionFile());
        this.retry = new MatrixRetry(timings, (operation, retryIn) -> stats.callFailed(), this::tokenRejected);
        syncThread.setDaemon(true);
    }

    /** Starts the sync thread; returns at once. */
    @Override
    public void register(ConnectorController controller) {
        this.controller = controller;
        syncThread.start();
    }

    @Override
    public void unregister(ConnectorController controller) {
        stop();
        controller.unregisterServices();
    }

    /**
     * Stops the sync thread, gives the replies on their way until the stop grace to arrive, saves the position and
     * closes the HTTP client. Safe to call more than once.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + timings.stopGrace().toNanos();
        Optional.ofNullable(syncCall).ifPresent(call -> call.cancel(true));
        try {
            syncThread.join(timings.stopGrace().toMillis());
            CompletableFuture.allOf(pendingReplies.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            logger.warn("Gitter connector stopping with {} replies not sent", pendingReplies.size());
        }
        retry.close();
        savePosition();
        client.close();
        if (!tokenRejected.get()) {
            logger.info("Gitter connector stopped");
        }
    }

    /** Sync time and failed calls, for the metrics. */
    public Stats stats() {
        return stats;
    }

    /** True while the sync thread runs; false before register and once stopped (or the token rejected). */
    public boolean isRunning() {
        return syncThread.isAlive();
    }

    private void tokenRejected(MatrixException e) {
        if (tokenRejected.compareAndSet(false, true)) {
            logger.error("Gitter connector stopped: {} rejected GITTER_TOKEN ({} {}); set a valid token and restart."
                    + " The other channels keep running.", settings.homeserver(), e.status(), e.errcode());
            // Not on the thread that saw it: that may be the HTTP client's, which stopping closes.
            Thread stopping = new Thread(this::stop, "gitter-stop");
            stopping.setDaemon(true);
            stopping.start();
        }
    }

    private void syncUntilStopped() {
        Optional<GitterPositionStore.Position> saved = positionStore.load();
        nextBatch = saved.map(GitterPositionStore.Position::nextBatch).orElse(null);
        // Without whoami the channel cannot tell its own messages: asked until it answers, refusals too.
        String me = await("whoami", new MatrixRetry.Limits(-1, null, true), client::whoami);
        if (me == null) {
            return;
        }
        // Best effort: without it, the bot still answers to its localpart and to real mentions.
        String displayName = client.displayName(me).exceptionally(unknown -> Optional.empty()).join().orElse(null);
        botUserId = me;
        eventFilter = new GitterEventFilter(me, displayName, saved.map(GitterPositionStore.Position::answeredThreads).orElse(List.of()));
        for (String room : settings.rooms()) {
            if (await("join " + room, MatrixRetry.Limits.attempts(JOIN_ATTEMPTS), () -> client.join(room)) != null) {
                logger.info("Gitter room {} joined", room);
            }
        }
        String filterId = await("filter", MatrixRetry.Limits.attempts(FILTER_ATTEMPTS),
                () -> client.createFilter(me, SYNC_FILTER));
        logger.info("Gitter channel listening as {}{}", me,
                nextBatch == null ? " (first start: the backlog is not answered)" : "");
        while (!stopped.get() && !tokenRejected.get()) {
            String since = nextBatch;
            String filter = filterId;
            // A refusal with a filter is most likely a filter the server forgot: it is dropped. Without one, retried.
            MatrixJson.Sync batch = await("sync", new MatrixRetry.Limits(-1, null, filter == null),
                    () -> client.sync(filter, since, timings.syncTimeout()));
            if (batch == null) {
                filterId = null;
            } else if (!handle(batch, since)) {
                return; // not moved past: a restart reads this batch again, and txn ids keep answers single
            }
        }
    }

    /** The call's result, or null when it was given up, refused or stopped (the retry policy logged why). */
    private <T> T await(String operation, MatrixRetry.Limits limits, Supplier<CompletableFuture<T>> call) {
        if (stopped.get()) {
            return null;
        }
        CompletableFuture<T> future = retry.call(operation, limits, call);
        syncCall = future;
        try {
            return MatrixClient.await(future);
        } catch (RuntimeException e) {
            if (e instanceof MatrixException matrix && matrix.isTokenRejected()) {
                tokenRejected(matrix); // at once: no other call goes out with it
            }
            return null;
        }
    }

    /**
     * Reads a batch and hands its questions to Tock, each tried again a few times before it is logged as unanswered;
     * then moves past it. False when stopping midway: the batch is not moved past.
     */
    private boolean handle(MatrixJson.Sync batch, String since) {
        try {
            GitterEventFilter.Batch read = eventFilter.read(batch, since == null,
                    (roomId, prevBatch) -> gap(roomId, prevBatch, since));
            read.encryptedRooms().forEach(this::leaveEncrypted);
            read.directInvites().forEach(this::acceptDirectChat);
            read.reactions().forEach(this::feedback);
            for (GitterEventFilter.Question question : read.questions()) {
                if (stopped.get()) {
                    return false;
                }
                try {
                    retry.repeat("answer to " + question.eventId(), ANSWER_ATTEMPTS, () -> answer(question));
                } catch (RuntimeException e) {
                    logger.warn("Gitter question {} in room {} from {} left unanswered: {}", question.eventId(),
                            question.roomId(), question.sender(), e.toString());
                }
            }
        } catch (RuntimeException e) {
            logger.error("Gitter sync batch {} not read; its questions are left unanswered", batch.nextBatch(), e);
        }
        nextBatch = batch.nextBatch();
        savePosition();
        stats.syncDone(Instant.now());
        return true;
    }

    /** Writes where the sync stands, so that the next start resumes there (the store skips what it already has). */
    private void savePosition() {
        GitterEventFilter filter = eventFilter;
        if (filter != null && nextBatch != null) { // else nothing moved since the position was loaded
            positionStore.save(new GitterPositionStore.Position(nextBatch, filter.answeredThreads()));
        }
    }

    /** The events a limited timeline left out, fetched back a few pages at most, never older than the batch's start. */
    private List<MatrixJson.Event> gap(String roomId, String prevBatch, String since) {
        List<MatrixJson.Event> events = new ArrayList<>();
        String page = prevBatch;
        try {
            for (int pages = 0; page != null && pages < GAP_PAGES; pages++) {
                String from = page;
                MatrixJson.Messages messages = MatrixClient.await(retry.call("messages of room " + roomId,
                        MatrixRetry.Limits.attempts(2), () -> client.messages(roomId, from, since, GAP_PAGE_SIZE)));
                messages.chunk().forEach(event -> events.add(0, event)); // newest first: read back to front
                page = messages.end();
            }
        } catch (RuntimeException e) {
            logger.warn("Gitter room {}: the events a sync left out were not fetched ({}); questions among them are not answered",
                    roomId, e.toString());
        }
        if (page != null) {
            logger.info("Gitter room {}: more than {} events left out by a sync; the oldest are not read", roomId,
                    GAP_PAGES * GAP_PAGE_SIZE);
        }
        return events;
    }

    private void answer(GitterEventFilter.Question question) {
        RateLimiter.Decision decision = rateLimiter.admit(question.sender());
        if (!decision.allowed() && !decision.firstRefusal()) {
            logger.debug("Gitter question {} from a rate-limited user ignored", question.eventId());
            return;
        }
        // Detected only once admitted: a flood of ignored questions costs no detection.
        Locale language = bot.languageOf(question.text());
        if (!decision.allowed()) { // the first refusal gets one polite notice, the next ones silence
            logger.info("Gitter user {} is over {} questions in {} s", question.sender(), MAX_QUESTIONS_PER_USER,
                    RATE_LIMIT_WINDOW.toSeconds());
            reply("rate-limit", question.roomId(), question.eventId(),
                    formatter.rateLimitNotice(question, language, MAX_QUESTIONS_PER_USER, RATE_LIMIT_WINDOW.toSeconds()));
            return;
        }
        bestEffort("receipt", client.receipt(question.roomId(), question.eventId()));
        bestEffort("typing", client.typing(question.roomId(), botUserId, true, TYPING_TIMEOUT));
        // Tock keeps a conversation per player: here a thread (room and thread root), whoever asks in it.
        PlayerId thread = new PlayerId(question.roomId() + "/" + question.threadRootId(), PlayerType.user, null);
        SendSentence sentence = new SendSentence(thread, applicationId, new PlayerId(botUserId, PlayerType.bot, null),
                question.text(), new ArrayList<>(), ObjectIdGenerator.INSTANCE.newObjectId(), Instant.now(), new EventState(),
                new ActionMetadata(), null, null);
        Callback callback = new Callback(question, language, sentence);
        controller.handle(sentence, new ConnectorData(callback, null, true, null, null, Map.of()));
    }

    /** Collects the bot's sentences for a question; sends them as one reply on its last answer. */
    @Override
    public void send(Event event, ConnectorCallback callback, long delayInMs) {
        Callback turn = (Callback) callback;
        if (event instanceof SendSentence sentence) {
            Message message = sentence.message(GITTER) instanceof Message withSuggestions ? withSuggestions
                    : new Message("", List.of());
            turn.collect(message.text().isBlank() ? sentence.getStringText() : message.text(), message.suggestions());
        }
        if (event instanceof Action action && action.getMetadata().getLastAnswer()) {
            turn.deliver();
        }
    }

    /**
     * Sends a reply off the calling thread: the retry policy's scheduler sends it and waits between attempts, so a
     * refused send never holds up other rooms. At most {@link #MAX_PENDING_REPLIES} wait at once.
     */
    private CompletableFuture<String> reply(String purpose, String roomId, String eventId, JsonNode content) {
        // Derived from what it answers, so that the same reply always has the same id: retries, and a restart that
        // reads a batch again, are deduplicated by the homeserver.
        byte[] answered = (roomId + " " + eventId).getBytes(StandardCharsets.UTF_8);
        String txnId = "tock-" + purpose + "-" + UUID.nameUUIDFromBytes(answered);
        if (pendingReplies.size() >= MAX_PENDING_REPLIES) {
            logger.warn("Gitter message {} to room {} dropped: {} replies already wait for the homeserver", txnId, roomId,
                    MAX_PENDING_REPLIES);
            return CompletableFuture.failedFuture(new IllegalStateException("too many replies waiting"));
        }
        // After the room's previous reply, sent or not.
        CompletableFuture<String> sent = lastReplyByRoom.getOrDefault(roomId, CompletableFuture.completedFuture(""))
                .exceptionally(failure -> "").thenCompose(previous -> retry.call("send " + txnId + " to room " + roomId,
                        new MatrixRetry.Limits(-1, timings.sendGiveUpAfter(), false),
                        () -> client.sendMessage(roomId, txnId, content)));
        lastReplyByRoom.put(roomId, sent);
        pendingReplies.add(sent);
        sent.whenComplete((answerId, failure) -> pendingReplies.remove(sent));
        return sent;
    }

    /** A direct chat is joined, and kept in the bot's m.direct account data, as a Matrix client does when it accepts one. */
    private void acceptDirectChat(GitterEventFilter.Invite invite) {
        if (!invite.encrypted()) {
            // Direct from the invitation on: the asker's first message can come in the sync before the join's answer.
            eventFilter.rememberDirectChat(invite.roomId());
        }
        client.join(invite.roomId()).thenCompose(joined -> {
            if (invite.encrypted()) {
                return CompletableFuture.completedFuture(null); // joined only to say it cannot read it
            }
            Map<String, List<String>> direct = new HashMap<>(eventFilter.directChats());
            List<String> known = direct.getOrDefault(invite.inviter(), List.of());
            direct.put(invite.inviter(), Stream.concat(known.stream(), Stream.of(invite.roomId())).distinct().toList());
            return client.setAccountData(botUserId, "m.direct", direct);
        }).whenComplete((done, failure) -> logger.info("Gitter direct chat {} with {} {}", invite.roomId(), invite.inviter(),
                failure == null ? "joined" : "not joined: " + failure.getMessage()));
    }

    /** The bot cannot read an encrypted room: it says so once, in clear, with where to ask instead, then leaves. */
    private void leaveEncrypted(String roomId) {
        if (!leftEncrypted.add(roomId)) {
            return;
        }
        logger.info("Gitter room {} is encrypted: the bot cannot read it and leaves it", roomId);
        reply("encrypted", roomId, "", formatter.cannotReadEncrypted(settings.rooms().get(0)))
                .handle((sent, failure) -> client.leave(roomId)).thenCompose(leaving -> leaving)
                .whenComplete((left, failure) -> leftEncrypted.remove(roomId)); // a new invitation is told again
    }

    /** A 👍 or 👎 on an answer is recorded as the web widget's buttons are: once per user and answer. */
    private void feedback(GitterEventFilter.Reaction reaction) {
        String vote = switch (reaction.key().replaceAll("[\\x{FE0F}\\x{1F3FB}-\\x{1F3FF}]", "")) {
            case "👍" -> "up";
            case "👎" -> "down";
            default -> null;
        };
        Answered answer = votable.get(reaction.eventId());
        if (vote != null && answer != null && voted.add(reaction.sender() + " " + reaction.eventId())) {
            operatorLog.vote(vote, answer.intent(), answer.question(), answer.language());
        }
    }

    /** Receipts and typing notices are a courtesy: one that fails costs a debug line. */
    private static void bestEffort(String what, CompletableFuture<?> call) {
        call.whenComplete((ignored, failure) -> Optional.ofNullable(failure)
                .ifPresent(problem -> logger.debug("Gitter {} not sent: {}", what, problem.getMessage())));
    }

    /** The locale is detected per question, so the profile is read for every question. */
    @Override
    public boolean getPersistProfileLoaded() {
        return false;
    }

    @Override
    public UserPreferences loadProfile(ConnectorCallback callback, PlayerId userId) {
        UserPreferences preferences = new UserPreferences();
        preferences.setLocale(((Callback) callback).language);
        return preferences;
    }

    @Override
    public Function1<BotBus, ConnectorMessage> addSuggestions(CharSequence text, List<? extends CharSequence> suggestions) {
        Message message = new Message(text.toString(), suggestions.stream().map(CharSequence::toString).toList());
        return bus -> message;
    }

    /** What operators watch of the Gitter channel: when it last synced, and how many calls failed. */
    public static final class Stats {

        private final AtomicLong failedCalls = new AtomicLong();
        private volatile Instant lastSync;

        void syncDone(Instant at) {
            lastSync = at;
        }

        void callFailed() {
            failedCalls.incrementAndGet();
        }

        /** Null until the first sync. */
        public Instant lastSync() {
            return lastSync;
        }

        public long failedCalls() {
            return failedCalls.get();
        }
    }

    /** An answer a 👍/👎 may rate: its topic, the question and its language. */
    private record Answered(String intent, String question, Locale language) {
    }

    /** An answer (minimal HTML) with quick replies (plain text): Matrix has no buttons, so they become its last line. */
    public record Message(String text, List<String> suggestions) implements ConnectorMessage {

        @Override
        public ConnectorType getConnectorType() {
            return GITTER;
        }

        @Override
        public GenericMessage toGenericMessage() {
            return null;
        }

        @Override
        public ConnectorMessage obfuscate() {
            return this;
        }

        @Override
        public ConnectorMessage toConnectorMessage() {
            return this;
        }
    }

    /**
     * One question's trip through Tock: its language, and the bot's sentences collected until the last answer.
     * Tock's base callback does the rest; a skipped question or a failure is logged here by event id, not by its text.
     */
    private final class Callback extends ConnectorCallbackBase {

        private final GitterEventFilter.Question question;
        private final Locale language;
        /** The question as handed to Tock, which records on it the intent it found. */
        private final SendSentence asked;
        private final List<String> answerHtml = new ArrayList<>();
        private final List<String> suggestions = new ArrayList<>();
        private boolean replied;

        Callback(GitterEventFilter.Question question, Locale language, SendSentence asked) {
            super(applicationId, GITTER);
            this.question = question;
            this.language = language;
            this.asked = asked;
        }

        synchronized void collect(String html, List<String> quickReplies) {
            if (!replied) {
                if (html != null && !html.isBlank()) {
                    answerHtml.add(html);
                }
                suggestions.addAll(quickReplies);
            }
        }

        /** Sends the reply, once: sentences collected later are dropped. */
        void deliver() {
            synchronized (this) {
                if (replied || answerHtml.isEmpty() && suggestions.isEmpty()) {
                    return;
                }
                replied = true;
            }
            String intent = asked.getState().getIntent();
            reply("answer", question.roomId(), question.eventId(), formatter.answer(question, answerHtml, suggestions, language))
                    .thenAccept(answerId -> {
                        eventFilter.rememberAnsweredThread(question.threadRootId());
                        if (intent != null && bot.takesFeedback(intent)) {
                            String clipped = Texts.clip(question.text(), VOTED_QUESTION_MAX);
                            votable.put(answerId, new Answered(intent, clipped, language));
                        }
                        bestEffort("typing", client.typing(question.roomId(), botUserId, false, TYPING_TIMEOUT));
                    });
        }

        @Override
        public void eventSkipped(Event event) {
            logger.debug("Gitter question {} skipped by the bot", question.eventId());
        }

        /** Sends what was collected if no action carried lastAnswer. */
        @Override
        public void eventAnswered(Event event) {
            super.eventAnswered(event);
            deliver();
        }

        @Override
        public void exceptionThrown(Event event, Throwable throwable) {
            logger.warn("Gitter question {}: the bot failed", question.eventId(), throwable);
        }
    }
}
