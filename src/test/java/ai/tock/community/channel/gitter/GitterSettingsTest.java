package ai.tock.community.channel.gitter;

import ai.tock.community.BotSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitterSettingsTest {

    private static final String TOKEN = "syt_secret_value";
    private static final Path DATA_DIR = Path.of("/var/lib/bot");

    @Test
    void isOffWithoutAToken() {
        assertTrue(BotSettings.gitter(Map.of(), DATA_DIR).isEmpty());
        assertTrue(BotSettings.gitter(Map.of("GITTER_TOKEN", "  "), DATA_DIR).isEmpty());
        assertTrue(BotSettings.gitter(Map.of("GITTER_ROOMS", "#a:gitter.im"), DATA_DIR).isEmpty());
    }

    @Test
    void usesTheDefaults() {
        GitterSettings settings = BotSettings.gitter(Map.of("GITTER_TOKEN", " " + TOKEN + "\n"), DATA_DIR).orElseThrow();
        assertEquals(TOKEN, settings.accessToken());
        assertEquals(URI.create("https://gitter.ems.host"), settings.homeserver());
        assertEquals(List.of("#tockchat_Lobby:gitter.im"), settings.rooms());
        assertEquals(DATA_DIR, settings.dataDir());
        assertEquals(Path.of("/var/lib/bot/gitter-sync.json"), settings.syncPositionFile());
    }

    @Test
    void readsEveryVariable() {
        GitterSettings settings = BotSettings.gitter(Map.of(
                "GITTER_TOKEN", TOKEN,
                "GITTER_HOMESERVER", "http://127.0.0.1:8008/",
                "GITTER_ROOMS", " #tockchat_Lobby:gitter.im, !abc123:gitter.im ,,"), DATA_DIR).orElseThrow();
        assertEquals(URI.create("http://127.0.0.1:8008"), settings.homeserver());
        assertEquals(List.of("#tockchat_Lobby:gitter.im", "!abc123:gitter.im"), settings.rooms());
        assertEquals(DATA_DIR, settings.dataDir());
    }

    @Test
    void keepsItsPositionInTheDataDirTheEngineRead() {
        BotSettings defaults = BotSettings.fromEnvironment(Map.of("GITTER_TOKEN", TOKEN));
        assertEquals(defaults.operations().dataDir(), defaults.gitter().orElseThrow().dataDir());
        assertEquals(Path.of("data/gitter-sync.json"), defaults.gitter().orElseThrow().syncPositionFile());
        BotSettings custom = BotSettings.fromEnvironment(Map.of("GITTER_TOKEN", TOKEN, "BOT_DATA_DIR", "/srv/bot"));
        assertEquals(Path.of("/srv/bot/gitter-sync.json"), custom.gitter().orElseThrow().syncPositionFile());
        // BOT_DATA_DIR is the engine's to read: the Gitter settings take the folder they are given.
        assertEquals(DATA_DIR, BotSettings.gitter(Map.of("GITTER_TOKEN", TOKEN, "BOT_DATA_DIR", "/srv/bot"), DATA_DIR)
                .orElseThrow().dataDir());
    }

    @Test
    void rejectsAHomeserverThatIsNotAnHttpUrl() {
        for (String wrong : List.of("ftp://gitter.ems.host", "gitter.ems.host", "", "http://", "https://user:pw@host", "::nonsense")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BotSettings.gitter(Map.of("GITTER_TOKEN", TOKEN, "GITTER_HOMESERVER", wrong), DATA_DIR), wrong);
            assertTrue(e.getMessage().contains("GITTER_HOMESERVER"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN));
            assertFalse(e.getMessage().contains("user:pw"), e.getMessage());
        }
    }

    @Test
    void neverEchoesATokenWrittenIntoTheHomeserverUrl() {
        for (String wrong : List.of("https://" + TOKEN + "@matrix.example.org", "https://bot:" + TOKEN + "@matrix.example.org",
                "https://matrix.example.org/_matrix?access_token=" + TOKEN, "https://matrix.example.org/#" + TOKEN,
                "https://matrix.example.org/ " + TOKEN, TOKEN + "@matrix.example.org")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BotSettings.gitter(Map.of("GITTER_TOKEN", TOKEN, "GITTER_HOMESERVER", wrong), DATA_DIR), wrong);
            assertTrue(e.getMessage().contains("GITTER_HOMESERVER"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BotSettings.gitter(
                Map.of("GITTER_TOKEN", TOKEN, "GITTER_HOMESERVER", "https://" + TOKEN + "@matrix.example.org"), DATA_DIR));
        assertTrue(e.getMessage().contains("scheme https, host matrix.example.org"), "the scheme and host still help: " + e.getMessage());
    }

    @Test
    void rejectsEmptyOrMalformedRooms() {
        for (String wrong : List.of("", " , ", "tockchat_Lobby", "#nohost")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BotSettings.gitter(Map.of("GITTER_TOKEN", TOKEN, "GITTER_ROOMS", wrong), DATA_DIR), wrong);
            assertTrue(e.getMessage().contains("GITTER_ROOMS"), e.getMessage());
        }
    }

    @Test
    void neverShowsTheToken() {
        GitterSettings settings = BotSettings.gitter(Map.of("GITTER_TOKEN", TOKEN), DATA_DIR).orElseThrow();
        assertFalse(settings.toString().contains(TOKEN));
        assertFalse(settings.toString().contains("secret"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GitterSettings("two words", GitterSettings.DEFAULT_HOMESERVER, List.of("#a:b"), Path.of(".")));
        assertFalse(e.getMessage().contains("two words"));
    }
}
