package ai.tock.community.channel.gitter;

import ai.tock.community.LogCapture;
import ai.tock.community.bot.BotPort;
import ai.tock.community.bot.OperatorLog;
import ai.tock.community.nlu.Classification;
import ai.tock.community.nlu.LanguageDetector;
import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static ai.tock.community.channel.gitter.FakeHomeserver.BOT;
import static ai.tock.community.channel.gitter.FakeHomeserver.LOBBY;
import static ai.tock.community.channel.gitter.FakeHomeserver.LOBBY_ALIAS;
import static ai.tock.community.channel.gitter.FakeHomeserver.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Gitter connector against a fake Matrix homeserver on loopback and a fake Tock engine. */
class GitterConnectorTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final GitterTimings FAST = new GitterTimings(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(100),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5));
    private static final String ALICE = "@alice:gitter.im";
    private static final String BOB = "@bob:gitter.im";

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dataDir;

    private FakeHomeserver homeserver;
    private LogCapture logs;
    private GitterConnector connector;
    private FakeTockController tock;
    /** Number of /sync requests before the current connector started. */
    private int syncBaseline;
    private final AtomicInteger languageDetections = new AtomicInteger();
    /** The votes recorded: "vote intent question language". */
    private final List<String> votes = new CopyOnWriteArrayList<>();
    /** Language detection throws for the texts it matches: a failure in handling a question. */
    private volatile Predicate<String> detectionFails = text -> false;

    @BeforeEach
    void startHomeserver() throws Exception {
        logs = new LogCapture(Level.DEBUG);
        homeserver = FakeHomeserver.start();
        homeserver.displayName(ALICE, "Alice <Admin>");
    }

    @AfterEach
    void stopAll() {
        try {
            if (connector != null) {
                connector.stop();
            }
            homeserver.close();
            // Whatever happened in the test, the token never shows in a log, a URL, or anywhere but its header.
            assertFalse(logs.toString().contains(TOKEN), "the token appears in the log");
            assertFalse(logs.toString().contains("SECRETsecret"), "part of the token appears in the log");
            assertTrue(homeserver.requestTargets().stream().noneMatch(target -> target.contains("SECRET")));
            assertEquals(List.of(), homeserver.authorizationProblems());
        } finally {
            logs.close();
        }
    }

    // ---- Answering --------------------------------------------------------------------------------------------

    @Test
    void answersAMentionInItsThreadWithTheExpectedMessage() throws Exception {
        start();
        ObjectNode content = json.createObjectNode().put("msgtype", "m.text").put("body", "Tock Bot: how do I install Tock?");
        content.putObject("m.mentions").putArray("user_ids").add(BOT);
        String question = homeserver.event(LOBBY, ALICE, content);

        FakeHomeserver.Sent reply = homeserver.awaitSent(1, WAIT).get(0);

        assertEquals(LOBBY, reply.roomId());
        assertEquals(json.readTree("""
                {"msgtype": "m.notice",
                 "body": "Alice <Admin>: Tock is documented at the docs (https://doc.tock.ai) & more.",
                 "format": "org.matrix.custom.html",
                 "formatted_body": "<a href=\\"https://matrix.to/#/@alice:gitter.im\\">Alice &lt;Admin&gt;</a>: Tock is documented at <a href=\\"https://doc.tock.ai\\">the docs</a> &amp; more.",
                 "m.relates_to": {"rel_type": "m.thread", "event_id": "%s", "is_falling_back": false, "m.in_reply_to": {"event_id": "%s"}},
                 "m.mentions": {"user_ids": ["@alice:gitter.im"]}}
                """.formatted(question, question)), reply.content());
        FakeTockController.Handled handled = tock.handled().get(0);
        assertEquals("how do I install Tock?", handled.text());
        assertEquals(LOBBY + "/" + question, handled.user().getId(), "a conversation is a thread: room and thread root");
        assertEquals(BOT, handled.bot().getId());
        assertEquals(Locale.ENGLISH, handled.language());
        awaitUntil(() -> homeserver.receipts().equals(List.of(question)));
        awaitUntil(() -> homeserver.typing().contains(true));
        assertEquals(List.of(LOBBY_ALIAS), homeserver.joins());
    }

    @Test
    void answersInTheQuestionsThreadAndThenFollowsThatThreadWithoutMentions() throws Exception {
        start();
        ObjectNode inThread = json.createObjectNode().put("msgtype", "m.text").put("body", "@tockbot what is a story?");
        inThread.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", "$root");
        String question = homeserver.event(LOBBY, ALICE, inThread);
        JsonNode relation = homeserver.awaitSent(1, WAIT).get(0).content().get("m.relates_to");
        assertEquals("$root", relation.get("event_id").asText());
        assertEquals(question, relation.get("m.in_reply_to").get("event_id").asText());

        homeserver.event(LOBBY, BOB, threadMessage("$other-thread", "and what is an intent?"));
        String followUp = homeserver.event(LOBBY, BOB, threadMessage("$root", "and what is an intent?"));

        List<FakeHomeserver.Sent> sent = homeserver.awaitSent(2, WAIT);
        assertEquals(followUp, sent.get(1).content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText());
        assertEquals("and what is an intent?", tock.handled().get(1).text());
        assertEquals(LOBBY + "/$root", tock.handled().get(0).user().getId());
        assertEquals(tock.handled().get(0).user(), tock.handled().get(1).user(), "one thread, one conversation, whoever asks");
        awaitAllRead();
        assertEquals(2, homeserver.sent().size());
    }

    @Test
    void ignoresMessagesThatDoNotAddressTheBot() throws Exception {
        start();
        homeserver.message(LOBBY, BOB, "hello everyone, is Tock Bot around?");
        homeserver.message(LOBBY, BOB, "tockbotx: not me");
        homeserver.message(LOBBY, BOB, "I like Tock Bot");
        homeserver.message(LOBBY, ALICE, "tockbot, what is Tock?");
        homeserver.message(LOBBY, ALICE, "@tockbot what is Tock?");
        ObjectNode pill = json.createObjectNode().put("msgtype", "m.text").put("body", "Tock Bot: pill?")
                .put("format", "org.matrix.custom.html")
                .put("formatted_body", "<a href=\"https://matrix.to/#/%40tockbot%3Agitter.im\">Tock Bot</a>: pill?");
        homeserver.event(LOBBY, ALICE, pill);

        homeserver.awaitSent(3, WAIT);
        awaitAllRead();
        assertEquals(List.of("what is Tock?", "what is Tock?", "pill?"),
                tock.handled().stream().map(FakeTockController.Handled::text).toList());
        assertEquals(3, homeserver.sent().size());
    }

    @Test
    void ignoresItsOwnMessagesNoticesEditsRedactionsAndOtherEvents() throws Exception {
        start();
        homeserver.message(LOBBY, BOT, "Tock Bot: talking to myself");
        ObjectNode notice = json.createObjectNode().put("msgtype", "m.notice").put("body", "Tock Bot: I am another bot");
        homeserver.event(LOBBY, "@otherbot:gitter.im", notice);
        ObjectNode edit = json.createObjectNode().put("msgtype", "m.text").put("body", "* Tock Bot: edited question");
        edit.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", "$old");
        homeserver.event(LOBBY, ALICE, edit);
        ObjectNode redacted = json.createObjectNode().put("type", "m.room.message").put("sender", ALICE);
        redacted.putObject("content");
        redacted.putObject("unsigned").putObject("redacted_because").put("type", "m.room.redaction");
        homeserver.rawEvent(LOBBY, redacted);
        ObjectNode redaction = json.createObjectNode().put("type", "m.room.redaction").put("sender", ALICE).put("redacts", "$x");
        redaction.putObject("content").put("body", "Tock Bot: not a message");
        homeserver.rawEvent(LOBBY, redaction);
        ObjectNode image = json.createObjectNode().put("msgtype", "m.image").put("body", "Tock Bot: image.png");
        homeserver.event(LOBBY, ALICE, image);
        String real = homeserver.message(LOBBY, ALICE, "Tock Bot: the real question");

        List<FakeHomeserver.Sent> sent = homeserver.awaitSent(1, WAIT);
        awaitAllRead();
        assertEquals(1, homeserver.sent().size());
        assertEquals(real, sent.get(0).content().get("m.relates_to").get("event_id").asText());
        assertEquals(List.of("the real question"), tock.handled().stream().map(FakeTockController.Handled::text).toList());
    }

    @Test
    void answersEveryMessageInADirectRoomInTheLanguageOfTheQuestion() throws Exception {
        homeserver.directRoom("!dm:gitter.im", ALICE);
        start();
        homeserver.message("!dm:gitter.im", ALICE, "Bonjour, c'est quoi Tock ? Je voudrais une suggestion");

        JsonNode reply = homeserver.awaitSent(1, WAIT).get(0).content();
        assertEquals(Locale.FRENCH, tock.handled().get(0).language());
        assertEquals("Alice <Admin>: Here you are.\nVous pouvez aussi demander : What is Tock?, Who <made> it?", reply.get("body").asText());
        assertTrue(reply.get("formatted_body").asText().endsWith("Here you are.<br>Vous pouvez aussi demander : What is Tock?, Who &lt;made&gt; it?"));
    }

    @Test
    void acceptsADirectChatInvitationAndAnswersThere() throws Exception {
        start();
        homeserver.invite("!newdm:gitter.im", true);
        homeserver.invite("!someroom:gitter.im", false);
        awaitUntil(() -> homeserver.joins().contains("!newdm:gitter.im"));
        // The member count comes from joined_members: no sync summary is sent after the first sync.
        homeserver.message("!newdm:gitter.im", ALICE, "what is tock? two sentences please");

        JsonNode reply = homeserver.awaitSent(1, WAIT).get(0).content();
        assertEquals("Alice <Admin>: First.\nSecond.", reply.get("body").asText());
        assertTrue(reply.get("formatted_body").asText().endsWith("First.<br>Second."));
        assertFalse(homeserver.joins().contains("!someroom:gitter.im"));
    }

    // ---- As Matrix users write (issue 14) ------------------------------------------------------------------------

    @Test
    void aReplyThatOnlyQuotesAMentionOfTheBotIsNotForTheBot() throws Exception {
        start();
        String bobs = homeserver.message(LOBBY, BOB, "Tock Bot: what is a story?");
        homeserver.awaitSent(1, WAIT);
        ObjectNode reply = json.createObjectNode().put("msgtype", "m.text")
                .put("body", "> <@bob:gitter.im> Tock Bot: what is a story?\n\nI wondered too, Bob")
                .put("format", "org.matrix.custom.html")
                .put("formatted_body", "<mx-reply><blockquote><a href=\"https://matrix.to/#/!lobby:gitter.im/" + bobs + "\">In reply to</a> "
                        + "<a href=\"https://matrix.to/#/@bob:gitter.im\">@bob:gitter.im</a><br>"
                        + "<a href=\"https://matrix.to/#/@tockbot:gitter.im\">Tock Bot</a>: what is a story?</blockquote></mx-reply>I wondered too, Bob");
        reply.putObject("m.mentions").putArray("user_ids").add(BOB);
        reply.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", bobs);
        homeserver.event(LOBBY, ALICE, reply);
        String real = homeserver.message(LOBBY, ALICE, "Tock Bot: and an intent?");

        homeserver.awaitSent(2, WAIT);
        awaitAllRead();
        assertEquals(List.of(bobs, real), homeserver.sent().stream()
                .map(s -> s.content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText()).toList());
    }

    @Test
    void directChatsComeFromTheInviteOrMDirectNeverFromAMemberCount() throws Exception {
        homeserver.joinedRoom("!quiet:gitter.im", 2); // a configured public room with one human in it
        homeserver.directRoom("!dm:gitter.im", ALICE);
        start();
        homeserver.message("!quiet:gitter.im", BOB, "hello, anyone here?");
        homeserver.invite("!newdm:gitter.im", true);
        awaitUntil(() -> homeserver.joins().contains("!newdm:gitter.im"));
        String inDirect = homeserver.message("!dm:gitter.im", ALICE, "what is tock?");
        String inNewDirect = homeserver.message("!newdm:gitter.im", BOB, "what is tock?");

        homeserver.awaitSent(2, WAIT);
        awaitAllRead();
        assertEquals(Set.of(inDirect, inNewDirect), homeserver.sent().stream()
                .map(s -> s.content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText()).collect(Collectors.toSet()));
        // The fake's invitations come from Alice: the accepted chat joins her others in the bot's m.direct.
        assertEquals(List.of("!dm:gitter.im", "!newdm:gitter.im"), homeserver.directRooms().get(ALICE), "kept in m.direct");
    }

    @Test
    void inAnEncryptedRoomTheBotSaysOnceItCannotReadThenLeaves() throws Exception {
        start();
        homeserver.encrypt("!secret:gitter.im");
        homeserver.invite("!secret:gitter.im", true);
        awaitUntil(() -> homeserver.joins().contains("!secret:gitter.im"));
        homeserver.message("!secret:gitter.im", ALICE, "hello?"); // Element would send it as m.room.encrypted: never readable

        awaitUntil(() -> homeserver.leaves().contains("!secret:gitter.im"));
        awaitAllRead();
        List<FakeHomeserver.Sent> sent = homeserver.sent();
        assertEquals(1, sent.size(), sent.toString());
        JsonNode notice = sent.get(0).content();
        assertEquals("!secret:gitter.im", sent.get(0).roomId());
        assertEquals("m.notice", notice.get("msgtype").asText());
        assertTrue(notice.get("body").asText().contains(LOBBY_ALIAS), notice.toString());
        assertTrue(notice.get("body").asText().contains("chiffr") && notice.get("body").asText().contains("encrypt"), notice.toString());
        assertEquals(List.of("!secret:gitter.im"), homeserver.leaves(), "left once, no loop");
    }

    @Test
    void aMentionInTheGapOfALimitedTimelineIsFetchedAndAnsweredOnce() throws Exception {
        start();
        String since = homeserver.currentToken();
        homeserver.timelineLimit(3);
        String[] question = new String[1];
        homeserver.atomically(() -> {
            question[0] = homeserver.message(LOBBY, ALICE, "Tock Bot: asked just before the crowd");
            for (int i = 0; i < 8; i++) {
                homeserver.message(LOBBY, BOB, "chatter " + i);
            }
        });

        FakeHomeserver.Sent reply = homeserver.awaitSent(1, WAIT).get(0);
        assertEquals(question[0], reply.content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText());
        awaitAllRead();
        assertEquals(1, homeserver.sent().size());
        assertTrue(homeserver.messagesRequests().stream().allMatch(request -> request.endsWith("to=" + since)),
                "never older than the saved position: " + homeserver.messagesRequests());
    }

    @Test
    void anEditThatAddsAMentionIsAnsweredOnce() throws Exception {
        start();
        String question = homeserver.message(LOBBY, ALICE, "what is Tock?");
        homeserver.edit(LOBBY, ALICE, question, "Tock Bot: what is Tock?", true);
        FakeHomeserver.Sent reply = homeserver.awaitSent(1, WAIT).get(0);
        assertEquals(question, reply.content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText());
        assertEquals("what is Tock?", tock.handled().get(0).text());

        homeserver.edit(LOBBY, ALICE, question, "Tock Bot: what is Tock, exactly?", true);
        awaitAllRead();
        assertEquals(1, homeserver.sent().size(), "an edit of an answered question is not answered again");
    }

    @Test
    void aQuestionRedactedBeforeTheBotRepliesIsNotAnswered() throws Exception {
        start();
        homeserver.atomically(() -> {
            String oops = homeserver.message(LOBBY, ALICE, "Tock Bot: my password is hunter2");
            homeserver.redact(LOBBY, ALICE, oops);
        });
        String real = homeserver.message(LOBBY, ALICE, "Tock Bot: what is Tock?");

        homeserver.awaitSent(1, WAIT);
        awaitAllRead();
        assertEquals(List.of(real), homeserver.sent().stream()
                .map(s -> s.content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText()).toList());
        assertEquals(List.of("what is Tock?"), tock.handled().stream().map(FakeTockController.Handled::text).toList());
    }

    @Test
    void noReplyEverCarriesALiveAtRoom() throws Exception {
        homeserver.displayName("@mallory:gitter.im", "@room");
        start();
        homeserver.message(LOBBY, "@mallory:gitter.im", "Tock Bot: @room what is Tock?");

        JsonNode reply = homeserver.awaitSent(1, WAIT).get(0).content();
        assertFalse(reply.get("body").asText().toLowerCase(Locale.ROOT).contains("@room"), reply.toString());
        assertFalse(reply.get("formatted_body").asText().toLowerCase(Locale.ROOT).contains("@room"), reply.toString());
        assertTrue(reply.get("body").asText().contains("room"), "the name is still shown: " + reply);
    }

    @Test
    void inAThreadTheBotFollowsUpOnlyOnQuestionsOrWhatIsAddressedToIt() throws Exception {
        start();
        homeserver.event(LOBBY, ALICE, threadMessage("$root", "Tock Bot: c'est quoi TOSIT ?"));
        homeserver.awaitSent(1, WAIT);
        String carol = "@carol:gitter.im";
        homeserver.event(LOBBY, carol, threadMessage("$root", "Merci Theo !"));
        ObjectNode toTheo = threadMessage("$root", "Theo, tu peux regarder ?");
        toTheo.putObject("m.mentions").putArray("user_ids").add("@theo:gitter.im");
        homeserver.event(LOBBY, carol, toTheo);
        String followUp = homeserver.event(LOBBY, carol, threadMessage("$root", "et ses membres ?"));

        List<FakeHomeserver.Sent> sent = homeserver.awaitSent(2, WAIT);
        awaitAllRead();
        assertEquals(2, homeserver.sent().size(), homeserver.sent().toString());
        assertEquals(followUp, sent.get(1).content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText());
    }

    @Test
    void aThumbsUpOrDownOnAnAnswerIsRecordedOncePerUserAsFeedback() throws Exception {
        start();
        String question = homeserver.message(LOBBY, ALICE, "Tock Bot: how do I install Tock?");
        homeserver.awaitSent(1, WAIT);
        awaitAllRead();
        String answer = homeserver.lastEventId(LOBBY, BOT);

        homeserver.react(LOBBY, ALICE, answer, "👍️");
        homeserver.react(LOBBY, ALICE, answer, "👍🏽"); // the same vote again, with a skin tone
        homeserver.react(LOBBY, BOB, answer, "👎");
        homeserver.react(LOBBY, BOB, answer, "🎉");
        homeserver.react(LOBBY, BOB, question, "👍"); // not on an answer of the bot
        awaitAllRead();

        assertEquals(List.of("up install how do I install Tock? en", "down install how do I install Tock? en"), votes);
        assertEquals(1, homeserver.sent().size(), "a reaction gets no reply");
    }

    // ---- Faults -----------------------------------------------------------------------------------------------

    @Test
    void retriesA429AndA5xxWithTheSameTransactionId() throws Exception {
        start();
        homeserver.failNextSend(429, "M_LIMIT_EXCEEDED", 50L, null);
        homeserver.failNextSend(502, "M_UNKNOWN", null, null);
        homeserver.failNextSend(429, "M_LIMIT_EXCEEDED", null, "0");
        homeserver.failNextSend(503, "M_UNKNOWN", null, null);
        homeserver.message(LOBBY, ALICE, "Tock Bot: are you there?");

        List<FakeHomeserver.Sent> sent = homeserver.awaitSent(1, WAIT);
        List<String> attempts = homeserver.sendAttempts();
        assertEquals(5, attempts.size());
        assertEquals(1, attempts.stream().distinct().count(), "every attempt reuses the txnId: " + attempts);
        assertEquals(attempts.get(0), sent.get(0).txnId());
        awaitAllRead();
        assertEquals(1, homeserver.sent().size());
    }

    @Test
    void aSendRefusedInOneRoomNeverHoldsUpQuestionsInAnother() throws Exception {
        String other = "!other:gitter.im";
        homeserver.joinedRoom(other, 10);
        start(new GitterTimings(FAST.syncTimeout(), FAST.initialBackoff(), FAST.maxBackoff(), FAST.maxRetryAfter(),
                Duration.ofMinutes(1), FAST.stopGrace()));
        homeserver.refuseSendsTo(LOBBY, 503);
        String inLobby = homeserver.message(LOBBY, ALICE, "Tock Bot: first, in the lobby");
        awaitUntil(() -> homeserver.sendAttempts().size() >= 2); // the lobby's reply is being retried

        String elsewhere = homeserver.message(other, BOB, "Tock Bot: meanwhile, elsewhere");
        FakeHomeserver.Sent first = homeserver.awaitSent(1, WAIT).get(0);
        assertEquals(other, first.roomId());
        assertEquals(elsewhere, first.content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText());

        homeserver.acceptSendsTo(LOBBY);
        FakeHomeserver.Sent second = homeserver.awaitSent(2, WAIT).get(1);
        assertEquals(inLobby, second.content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText());
    }

    @Test
    void aQuestionWhoseHandlingFailedIsTriedAgainThenReportedNeverDroppedSilently() throws Exception {
        AtomicInteger flakyFailures = new AtomicInteger();
        detectionFails = text -> text.contains("flaky") && flakyFailures.getAndIncrement() == 0 || text.contains("broken");
        start();
        String flaky = homeserver.message(LOBBY, ALICE, "Tock Bot: a flaky question");
        FakeHomeserver.Sent reply = homeserver.awaitSent(1, WAIT).get(0);
        assertEquals(flaky, reply.content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText(), "answered once tried again");

        String broken = homeserver.message(LOBBY, ALICE, "Tock Bot: a broken question");
        String next = homeserver.message(LOBBY, BOB, "Tock Bot: and the next one");
        FakeHomeserver.Sent nextReply = homeserver.awaitSent(2, WAIT).get(1);
        assertEquals(next, nextReply.content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText());
        awaitUntil(() -> logs.lines(Level.WARN, broken).stream().anyMatch(line -> line.contains("unanswered")));
        awaitAllRead();
        assertEquals(2, homeserver.sent().size());
    }

    @Test
    void aRejectedTokenStopsTheConnectorWithOneLogLine() throws Exception {
        start();
        homeserver.revokeToken();

        awaitUntil(() -> !connector.isRunning());
        List<String> errors = logs.lines(Level.ERROR, "");
        assertEquals(1, errors.size(), logs.toString());
        assertTrue(errors.get(0).contains("M_UNKNOWN_TOKEN") && errors.get(0).contains("GITTER_TOKEN"), errors.get(0));
        assertEquals(List.of(), logs.gitterProblems().stream().filter(line -> !line.startsWith("ERROR")).toList());
        assertEquals(1, homeserver.unknownTokenResponses(), "no retry with a rejected token");
        connector.stop(); // Still safe to call.
    }

    @Test
    void aTokenRejectedOnSendAlsoStopsTheConnector() throws Exception {
        start();
        homeserver.failNextSend(401, "M_UNKNOWN_TOKEN", null, null);
        homeserver.message(LOBBY, ALICE, "Tock Bot: hello?");

        awaitUntil(() -> !connector.isRunning());
        assertEquals(1, logs.lines(Level.ERROR, "M_UNKNOWN_TOKEN").size(), logs.toString());
        assertEquals(1, homeserver.sendAttempts().size());
    }

    @Test
    void resumesAfterDroppedConnectionsGarbageAndServerErrors() throws Exception {
        start();
        String before = homeserver.currentToken();
        for (FakeHomeserver.SyncFault fault : List.of(FakeHomeserver.SyncFault.HANG_UP, FakeHomeserver.SyncFault.DROP_CONNECTION,
                FakeHomeserver.SyncFault.GARBAGE, FakeHomeserver.SyncFault.TRUNCATED_JSON, FakeHomeserver.SyncFault.NO_NEXT_BATCH,
                FakeHomeserver.SyncFault.SERVER_ERROR, FakeHomeserver.SyncFault.RATE_LIMITED, FakeHomeserver.SyncFault.UNKNOWN_FILTER)) {
            homeserver.failNextSync(fault);
        }
        String question = homeserver.message(LOBBY, ALICE, "Tock Bot: still there?");

        FakeHomeserver.Sent reply = homeserver.awaitSent(1, WAIT).get(0);
        assertEquals(question, reply.content().get("m.relates_to").get("event_id").asText());
        assertTrue(connector.isRunning());
        // Every failed sync resumed from the same position, so the message was neither lost nor read twice.
        assertTrue(homeserver.sinceTokens().stream().filter(before::equals).count() >= 9, homeserver.sinceTokens().toString());
        List<String> problems = logs.gitterProblems();
        assertEquals(8, problems.size(), String.join("\n", problems));
        assertEquals(7, problems.stream().filter(line -> line.contains("Gitter sync failed")).count(), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(line -> line.contains("Gitter sync refused") && line.contains("M_INVALID_PARAM")));
        assertTrue(problems.stream().anyMatch(line -> line.contains("HTTP 429")));
        List<String> filters = homeserver.syncFilters();
        assertEquals(null, filters.get(filters.size() - 1), "after a refusal, the sync goes on without the filter");
        assertTrue(problems.stream().anyMatch(line -> line.contains("not a JSON object")));
        assertTrue(problems.stream().anyMatch(line -> line.contains("HTTP 502")));
        assertTrue(problems.stream().anyMatch(line -> line.contains("next_batch")));
    }

    @Test
    void survivesEventsWithMissingOrStrangeFields() throws Exception {
        start();
        homeserver.atomically(() -> {
            try {
                homeserver.strangeEvent(LOBBY, "42");
                homeserver.strangeEvent(LOBBY, "{\"type\": \"m.room.message\", \"no_event_id\": true, \"sender\": \"@alice:gitter.im\", \"content\": {\"msgtype\": \"m.text\", \"body\": \"Tock Bot: no id\"}}");
                homeserver.strangeEvent(LOBBY, "{\"type\": \"m.room.message\", \"event_id\": \"$nosender\", \"content\": {\"msgtype\": \"m.text\", \"body\": \"Tock Bot: no sender\"}}");
                homeserver.strangeEvent(LOBBY, "{\"type\": \"m.room.message\", \"event_id\": \"$nocontent\", \"sender\": \"@alice:gitter.im\"}");
                homeserver.strangeEvent(LOBBY, "{\"type\": \"m.room.message\", \"event_id\": \"$numberbody\", \"sender\": \"@alice:gitter.im\", \"content\": {\"msgtype\": \"m.text\", \"body\": 12}}");
                homeserver.strangeEvent(LOBBY, "{\"event_id\": \"$notype\", \"sender\": \"@alice:gitter.im\", \"content\": {}}");
                homeserver.strangeEvent(LOBBY, "{\"type\": \"m.room.message\", \"event_id\": \"$badmentions\", \"sender\": \"@bob:gitter.im\", \"content\": {\"msgtype\": \"m.text\", \"body\": \"hi\", \"m.mentions\": \"everyone\", \"m.relates_to\": 3}}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            homeserver.message(LOBBY, ALICE, "Tock Bot: and now a proper question");
        });

        homeserver.awaitSent(1, WAIT);
        awaitAllRead();
        assertEquals(List.of("and now a proper question"), tock.handled().stream().map(FakeTockController.Handled::text).toList());
        assertTrue(connector.isRunning());
        List<String> problems = logs.gitterProblems();
        // One line per broken event; the event without a type and the one with odd mentions are simply not for the bot.
        assertEquals(5, problems.size(), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(line -> line.contains("not a JSON object")), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(line -> line.contains("no event_id")), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(line -> line.contains("no sender")), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(line -> line.contains("no content")), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(line -> line.contains("$numberbody") && line.contains("no text body")), String.join("\n", problems));
    }

    @Test
    void handsOnlyTheFirstThousandCharactersOfAHugeMessageToTock() throws Exception {
        start();
        homeserver.message(LOBBY, ALICE, "Tock Bot: " + "a".repeat(10_000));

        homeserver.awaitSent(1, WAIT);
        assertEquals("a".repeat(1_000), tock.handled().get(0).text());
        assertEquals(1, logs.lines(Level.INFO, "only the first 1000 are read").size());
    }

    @Test
    void aFloodOfMentionsIsRateLimitedWhileOtherAskersAreStillAnswered() throws Exception {
        start();
        String mallory = "@mallory:gitter.im";
        homeserver.atomically(() -> {
            for (int i = 0; i < 50; i++) {
                homeserver.message(LOBBY, mallory, "Tock Bot: what is the answer to question " + i);
            }
            homeserver.message(LOBBY, ALICE, "Tock Bot: may I ask something?");
            for (int i = 50; i < 100; i++) {
                homeserver.message(LOBBY, mallory, "Tock Bot: what is the answer to question " + i);
            }
        });

        homeserver.awaitSent(7, WAIT);
        awaitAllRead();
        List<FakeHomeserver.Sent> sent = homeserver.sent();
        assertEquals(7, sent.size(), sent.toString());
        List<FakeHomeserver.Sent> toMallory = sent.stream()
                .filter(s -> s.content().get("m.mentions").get("user_ids").get(0).asText().equals(mallory)).toList();
        assertEquals(6, toMallory.size());
        assertEquals(5, toMallory.stream().filter(s -> s.txnId().startsWith("tock-answer-")).count());
        assertEquals(1, toMallory.stream().filter(s -> s.txnId().startsWith("tock-rate-limit-")).count());
        assertTrue(toMallory.get(5).content().get("body").asText().contains("5 questions per person every 30 seconds"),
                toMallory.get(5).content().toString());
        assertEquals(1, sent.stream().filter(s -> s.content().get("m.mentions").get("user_ids").get(0).asText().equals(ALICE)).count());
        assertEquals(6, tock.handled().size());
        assertEquals(7, languageDetections.get(), "ignored questions are not run through language detection");
        assertEquals(List.of("what is the answer to question 0", "what is the answer to question 1", "what is the answer to question 2",
                        "what is the answer to question 3", "what is the answer to question 4", "may I ask something?"),
                tock.handled().stream().map(FakeTockController.Handled::text).toList());
    }

    // ---- Position -----------------------------------------------------------------------------------------------

    @Test
    void skipsTheBacklogOnFirstStartThenResumesFromTheSavedPositionAfterARestart() throws Exception {
        homeserver.message(LOBBY, ALICE, "Tock Bot: an old question from before the bot existed");
        start();
        String first = homeserver.message(LOBBY, ALICE, "Tock Bot: first question");
        homeserver.awaitSent(1, WAIT);
        awaitAllRead();
        connector.stop();
        assertTrue(Files.exists(dataDir.resolve("gitter-sync.json")));
        String saved = json.readTree(dataDir.resolve("gitter-sync.json").toFile()).get("next_batch").asText();
        assertTrue(Files.list(dataDir).allMatch(file -> file.getFileName().toString().equals("gitter-sync.json")), "no temporary file left");

        String whileDown = homeserver.message(LOBBY, ALICE, "Tock Bot: asked while the bot was down");
        start();
        String afterRestart = homeserver.message(LOBBY, ALICE, "Tock Bot: asked after the restart");

        List<FakeHomeserver.Sent> sent = homeserver.awaitSent(3, WAIT);
        awaitAllRead();
        assertEquals(List.of(first, whileDown, afterRestart), homeserver.sent().stream()
                .map(s -> s.content().get("m.relates_to").get("m.in_reply_to").get("event_id").asText()).toList());
        assertEquals(3, sent.stream().map(FakeHomeserver.Sent::txnId).collect(Collectors.toSet()).size());
        assertTrue(homeserver.sinceTokens().contains(saved));
        assertEquals(1, homeserver.sinceTokens().stream().filter(since -> since == null).count(), "one initial sync only");
    }

    @Test
    void rewritesThePositionOnlyWhenItChanges() throws Exception {
        // Long-polls that end at once: many empty batches in little time.
        start(new GitterTimings(Duration.ofMillis(20), FAST.initialBackoff(), FAST.maxBackoff(), FAST.maxRetryAfter(),
                FAST.sendGiveUpAfter(), FAST.stopGrace()));
        Path file = dataDir.resolve("gitter-sync.json");
        awaitAllRead();
        assertTrue(Files.exists(file), "the first batch is saved");
        String firstPosition = json.readTree(file.toFile()).get("next_batch").asText();
        Files.delete(file);
        int requests = homeserver.sinceTokens().size();
        awaitUntil(() -> homeserver.sinceTokens().size() >= requests + 5);
        assertFalse(Files.exists(file), "an empty long-poll wrote the unchanged position again");

        homeserver.event(LOBBY, ALICE, threadMessage("$root", "Tock Bot: a question in a thread"));
        homeserver.awaitSent(1, WAIT);
        // A new position and a new followed thread: written again.
        awaitUntil(() -> savedPosition(file).path("answered_threads").toString().contains("$root"));
        assertFalse(firstPosition.equals(savedPosition(file).get("next_batch").asText()));
    }

    @Test
    void keepsFollowingAnsweredThreadsAfterARestart() throws Exception {
        start();
        homeserver.event(LOBBY, ALICE, threadMessage("$root", "Tock Bot: a question in a thread"));
        homeserver.awaitSent(1, WAIT);
        awaitAllRead();
        connector.stop();

        start();
        homeserver.event(LOBBY, BOB, threadMessage("$root", "a follow-up without mention?"));
        homeserver.awaitSent(2, WAIT);
        assertEquals("a follow-up without mention?", tock.handled().get(0).text());
    }

    @Test
    void theTokenIsNeverLoggedEvenAtTraceLevel() throws Exception {
        try (LogCapture trace = new LogCapture(Level.TRACE)) {
            start();
            homeserver.failNextSend(429, "M_LIMIT_EXCEEDED", 10L, null);
            homeserver.failNextSend(500, "M_UNKNOWN", null, null);
            homeserver.failNextSync(FakeHomeserver.SyncFault.GARBAGE);
            homeserver.message(LOBBY, ALICE, "Tock Bot: hello");
            homeserver.awaitSent(1, WAIT);
            homeserver.revokeToken();
            awaitUntil(() -> !connector.isRunning());

            assertFalse(trace.lines().isEmpty());
            assertFalse(trace.toString().contains(TOKEN));
            assertFalse(trace.toString().contains("SECRETsecret"));
            assertFalse(connector.toString().contains("SECRET"));
        }
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    private void start() throws Exception {
        start(FAST);
    }

    private void start(GitterTimings timings) throws Exception {
        String token = homeserver.currentToken();
        syncBaseline = homeserver.sinceTokens().size();
        GitterSettings settings = new GitterSettings(TOKEN, homeserver.uri(), List.of(LOBBY_ALIAS), dataDir);
        LanguageDetector detector = new LanguageDetector();
        BotPort bot = new BotPort() {
            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public Locale languageOf(String text) {
                languageDetections.incrementAndGet();
                if (detectionFails.test(text)) {
                    throw new IllegalStateException("detection failed on purpose");
                }
                return detector.detect(text);
            }

            @Override
            public Locale languageOf(String text, Locale whenUnsure) {
                return languageOf(text);
            }

            @Override
            public boolean takesFeedback(String intent) {
                return FakeTockController.INTENT.equals(intent);
            }
        };
        OperatorLog operatorLog = new OperatorLog() {
            @Override
            public void unanswered(String question, Locale language, Classification classification) {
                throw new UnsupportedOperationException("the channel does not classify");
            }

            @Override
            public void vote(String vote, String intent, String question, Locale language) {
                votes.add(String.join(" ", vote, intent, question, language.getLanguage()));
            }
        };
        connector = new GitterConnector("gitter", settings, new MatrixClient(homeserver.uri(), TOKEN, Duration.ofSeconds(5)),
                timings, bot, operatorLog, new GitterConnector.Stats());
        tock = new FakeTockController(connector);
        connector.register(tock);
        // Listening once a long-poll starts from the current end of the log.
        homeserver.awaitSyncPast(token, syncBaseline, WAIT);
    }

    /** Everything in the log so far has been read and handled: a later /sync asked for what follows it. */
    private void awaitAllRead() throws Exception {
        homeserver.awaitSyncPast(homeserver.currentToken(), syncBaseline, WAIT);
    }

    /** The position file's content; an empty object while there is none. */
    private JsonNode savedPosition(Path file) {
        try {
            return Files.exists(file) ? json.readTree(file.toFile()) : json.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode threadMessage(String root, String body) {
        ObjectNode content = json.createObjectNode().put("msgtype", "m.text").put("body", body);
        content.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", root).put("is_falling_back", true)
                .putObject("m.in_reply_to").put("event_id", root);
        return content;
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in " + WAIT);
            }
            Thread.sleep(10);
        }
    }
}
