package ai.tock.community.channel.gitter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static ai.tock.community.channel.gitter.FakeHomeserver.LOBBY;
import static ai.tock.community.channel.gitter.FakeHomeserver.LOBBY_ALIAS;
import static ai.tock.community.channel.gitter.FakeHomeserver.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operators' first-run check against the fake homeserver: it reads, never sends nor joins. */
class GitterCheckTest {

    private FakeHomeserver homeserver;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        homeserver = FakeHomeserver.start();
        homeserver.joinedRoom(LOBBY, 40);
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), homeserver.sendAttempts(), "the check sends no message");
        assertEquals(List.of(), homeserver.joins(), "the check joins nothing");
        assertFalse(output().contains(TOKEN));
        homeserver.close();
    }

    @Test
    void aBotThatCanWorkPassesWithOneLinePerRoom() {
        homeserver.room("!later:gitter.im", "#later:gitter.im", 3);
        assertEquals(0, check(LOBBY_ALIAS, "#later:gitter.im"), output());
        assertTrue(output().contains("token: valid, the bot is @tockbot:gitter.im"), output());
        assertTrue(output().contains(LOBBY_ALIAS + " (" + LOBBY + "): member, not encrypted, can post"), output());
        assertTrue(output().contains("#later:gitter.im (!later:gitter.im): not a member yet"), output());
        assertTrue(output().contains("verdict: OK"), output());
    }

    @Test
    void aBadTokenFails() {
        homeserver.revokeToken();
        assertEquals(1, check(LOBBY_ALIAS));
        assertTrue(output().contains("token: rejected (401 M_UNKNOWN_TOKEN)"), output());
        assertTrue(output().contains("verdict: NOT OK"), output());
    }

    @Test
    void anUnknownAliasFails() {
        assertEquals(1, check(LOBBY_ALIAS, "#nowhere:gitter.im"));
        assertTrue(output().contains("#nowhere:gitter.im: unknown alias (404 M_NOT_FOUND)"), output());
        assertTrue(output().contains("verdict: NOT OK"), output());
    }

    @Test
    void anEncryptedRoomOrOneTheBotCannotPostInFails() {
        homeserver.joinedRoom("!secret:gitter.im", 2);
        homeserver.encrypt("!secret:gitter.im");
        homeserver.joinedRoom("!announcements:gitter.im", 90);
        homeserver.readOnly("!announcements:gitter.im");
        assertEquals(1, check("!secret:gitter.im", "!announcements:gitter.im"));
        assertTrue(output().contains("!secret:gitter.im: member, ENCRYPTED (the bot cannot read it), can post"), output());
        assertTrue(output().contains("!announcements:gitter.im: member, not encrypted, CANNOT POST"), output());
    }

    @Test
    void anUnreachableHomeserverFails() {
        GitterSettings settings = new GitterSettings(TOKEN, java.net.URI.create("http://127.0.0.1:1"), List.of(LOBBY_ALIAS), Path.of("target"));
        assertEquals(1, GitterCheck.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8)));
        assertTrue(output().contains("homeserver: unreachable"), output());
    }

    private int check(String... rooms) {
        GitterSettings settings = new GitterSettings(TOKEN, homeserver.uri(), List.of(rooms), Path.of("target"));
        return GitterCheck.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
