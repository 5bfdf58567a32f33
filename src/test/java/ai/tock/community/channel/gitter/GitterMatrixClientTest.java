package ai.tock.community.channel.gitter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitterMatrixClientTest {

    private FakeHomeserver homeserver;
    private MatrixClient client;

    @BeforeEach
    void start() throws Exception {
        homeserver = FakeHomeserver.start();
        client = new MatrixClient(homeserver.uri(), FakeHomeserver.TOKEN, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        client.close();
        homeserver.close();
    }

    @Test
    void encodesMatrixIdsInPaths() throws Exception {
        assertEquals(FakeHomeserver.BOT, MatrixClient.await(client.whoami()));
        assertEquals(FakeHomeserver.LOBBY, MatrixClient.await(client.join(FakeHomeserver.LOBBY_ALIAS)));
        assertEquals(java.util.List.of(FakeHomeserver.LOBBY_ALIAS), homeserver.joins());
        assertTrue(homeserver.requestTargets().contains("POST /_matrix/client/v3/join/%23tockchat_Lobby%3Agitter.im"),
                homeserver.requestTargets().toString());
        assertEquals(java.util.Optional.of(FakeHomeserver.BOT_NAME), MatrixClient.await(client.displayName(FakeHomeserver.BOT)));
        assertEquals(FakeHomeserver.LOBBY, MatrixClient.await(client.resolveAlias(FakeHomeserver.LOBBY_ALIAS)));
        assertEquals(java.util.List.of(FakeHomeserver.LOBBY), MatrixClient.await(client.joinedRooms()));
    }

    @Test
    void turnsErrorsIntoTypedExceptions() {
        homeserver.failNextSend(429, "M_LIMIT_EXCEEDED", 1_500L, null);
        MatrixException limited = assertThrows(MatrixException.class,
                () -> MatrixClient.await(client.sendMessage("!r:x", "t1", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode())));
        assertEquals(429, limited.status());
        assertEquals("M_LIMIT_EXCEEDED", limited.errcode());
        assertEquals(1_500, limited.retryAfterMs().orElseThrow());
        assertTrue(limited.isTransient() && limited.isRateLimited() && !limited.isTokenRejected());

        homeserver.failNextSend(429, "M_LIMIT_EXCEEDED", 1_500L, "7");
        MatrixException header = assertThrows(MatrixException.class,
                () -> MatrixClient.await(client.sendMessage("!r:x", "t2", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode())));
        assertEquals(7_000, header.retryAfterMs().orElseThrow(), "the Retry-After header wins over the deprecated body field");

        homeserver.revokeToken();
        MatrixException rejected = assertThrows(MatrixException.class, () -> MatrixClient.await(client.whoami()));
        assertTrue(rejected.isTokenRejected());
        assertFalse(rejected.isTransient());
        assertFalse(rejected.getMessage().contains(FakeHomeserver.TOKEN));
        assertFalse(client.toString().contains(FakeHomeserver.TOKEN));
    }

    @Test
    void readsAHugeRetryAfterAsTheLongestWaitInsteadOfOverflowing() {
        homeserver.failNextSend(429, "M_LIMIT_EXCEEDED", null, "99999999999999999");
        MatrixException e = assertThrows(MatrixException.class,
                () -> MatrixClient.await(client.sendMessage("!r:x", "t3", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode())));
        assertEquals(Long.MAX_VALUE, e.retryAfterMs().orElseThrow(), "the retry policy caps it (MatrixRetryTest)");
        assertEquals(Long.MAX_VALUE, MatrixClient.retryAfterMillis("999999999999999999999999"));
        String inTwoMinutes = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(2));
        long date = MatrixClient.retryAfterMillis(inTwoMinutes);
        assertTrue(date > 110_000 && date <= 120_000, "an HTTP date: " + date);
        assertEquals(-1, MatrixClient.retryAfterMillis("soon"));
    }

    @Test
    void aLongErrorIsClippedWithoutSplittingAnEmoji() {
        homeserver.failNextSend(400, "M_BAD_JSON", null, null, "x".repeat(59) + "😀 and more text after the cut");
        MatrixException e = assertThrows(MatrixException.class,
                () -> MatrixClient.await(client.sendMessage("!r:x", "t4", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode())));
        assertTrue(e.getMessage().contains("x".repeat(59)), e.getMessage());
        assertTrue(e.getMessage().codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE),
                "half an emoji in: " + e.getMessage());
    }

    @Test
    void aGarbageAnswerIsAMalformedResponse() throws Exception {
        String since = homeserver.currentToken();
        homeserver.failNextSync(FakeHomeserver.SyncFault.TRUNCATED_JSON);
        MatrixException e = assertThrows(MatrixException.class, () -> MatrixClient.await(client.sync(null, since, Duration.ofMillis(100))));
        assertEquals(MatrixException.MALFORMED_RESPONSE, e.errcode());
        assertTrue(e.isTransient());
        // An empty long-poll ends at its timeout with the same position.
        assertEquals(since, MatrixClient.await(client.sync(null, since, Duration.ofMillis(100))).nextBatch());
    }
}
