package ai.tock.community.channel.gitter;

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

    @Test
    void isOffWithoutAToken() {
        assertTrue(GitterSettings.fromEnvironment(Map.of()).isEmpty());
        assertTrue(GitterSettings.fromEnvironment(Map.of("GITTER_TOKEN", "  ")).isEmpty());
        assertTrue(GitterSettings.fromEnvironment(Map.of("GITTER_ROOMS", "#a:gitter.im")).isEmpty());
    }

    @Test
    void usesTheDefaults() {
        GitterSettings settings = GitterSettings.fromEnvironment(Map.of("GITTER_TOKEN", " " + TOKEN + "\n")).orElseThrow();
        assertEquals(TOKEN, settings.accessToken());
        assertEquals(URI.create("https://gitter.ems.host"), settings.homeserver());
        assertEquals(List.of("#tockchat_Lobby:gitter.im"), settings.rooms());
        assertEquals(Path.of("./data"), settings.dataDir());
        assertEquals(Path.of("./data/gitter-sync.json"), settings.syncPositionFile());
    }

    @Test
    void readsEveryVariable() {
        GitterSettings settings = GitterSettings.fromEnvironment(Map.of(
                "GITTER_TOKEN", TOKEN,
                "GITTER_HOMESERVER", "http://127.0.0.1:8008/",
                "GITTER_ROOMS", " #tockchat_Lobby:gitter.im, !abc123:gitter.im ,,",
                "BOT_DATA_DIR", "/var/lib/bot")).orElseThrow();
        assertEquals(URI.create("http://127.0.0.1:8008"), settings.homeserver());
        assertEquals(List.of("#tockchat_Lobby:gitter.im", "!abc123:gitter.im"), settings.rooms());
        assertEquals(Path.of("/var/lib/bot"), settings.dataDir());
    }

    @Test
    void rejectsAHomeserverThatIsNotAnHttpUrl() {
        for (String wrong : List.of("ftp://gitter.ems.host", "gitter.ems.host", "", "http://", "https://user:pw@host", "::nonsense")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GitterSettings.fromEnvironment(Map.of("GITTER_TOKEN", TOKEN, "GITTER_HOMESERVER", wrong)), wrong);
            assertTrue(e.getMessage().contains("GITTER_HOMESERVER"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN));
        }
    }

    @Test
    void rejectsEmptyOrMalformedRooms() {
        for (String wrong : List.of("", " , ", "tockchat_Lobby", "#nohost")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GitterSettings.fromEnvironment(Map.of("GITTER_TOKEN", TOKEN, "GITTER_ROOMS", wrong)), wrong);
            assertTrue(e.getMessage().contains("GITTER_ROOMS"), e.getMessage());
        }
    }

    @Test
    void neverShowsTheToken() {
        GitterSettings settings = GitterSettings.fromEnvironment(Map.of("GITTER_TOKEN", TOKEN)).orElseThrow();
        assertFalse(settings.toString().contains(TOKEN));
        assertFalse(settings.toString().contains("secret"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GitterSettings("two words", GitterSettings.DEFAULT_HOMESERVER, List.of("#a:b"), Path.of(".")));
        assertFalse(e.getMessage().contains("two words"));
    }
}
