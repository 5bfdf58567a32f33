package ai.tock.community.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.bot.engine.BotRepository;
import ai.tock.shared.vertx.WebVerticle;
import io.vertx.core.http.HttpServer;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * What this bot reaches of Tock beyond its settings, each checked at start-up: present in Tock 23.9,
 * and, when missing (another Tock), a one-line reason that stops start-up with exit 2 (see StartupTest).
 * The end-to-end tests run with the hooks in place; the connection guard's own start-up check is in
 * {@link ConnectionGuardTest}.
 */
class TockHooksTest {

    @Test
    void tocks_verticle_and_its_http_server_are_reachable() {
        Method verticle = TockEngine.hook(BotRepository.class, "getVerticle", WebVerticle.class);
        Method server = TockEngine.hook(WebVerticle.class, "getServer", HttpServer.class);
        assertEquals("getVerticle", verticle.getName());
        assertEquals(HttpServer.class, server.getReturnType());
    }

    @Test
    void a_missing_method_stops_start_up_in_one_line_naming_it() {
        TockEngine.MissingHook missing = assertThrows(TockEngine.MissingHook.class,
                () -> TockEngine.hook(BotRepository.class, "getVerticleOfAnotherVersion", WebVerticle.class));
        assertTrue(missing.getMessage().contains("BotRepository.getVerticleOfAnotherVersion()"), missing.getMessage());
        assertOneLine(missing);
    }

    @Test
    void a_method_returning_something_else_stops_start_up_naming_it() {
        TockEngine.MissingHook missing = assertThrows(TockEngine.MissingHook.class,
                () -> TockEngine.hook(WebVerticle.class, "getRouter", HttpServer.class));
        assertTrue(missing.getMessage().contains("WebVerticle.getRouter() returns Router, not HttpServer"), missing.getMessage());
        assertOneLine(missing);
    }

    @Test
    void the_turn_metadata_must_reach_the_turn_through_tocks_web_connector() {
        // This JVM loaded Tock's web connector without TockProperties.setDefaults(): as a Tock that ignores them would.
        TockEngine.MissingHook missing = assertThrows(TockEngine.MissingHook.class, TockEngine::requireTurnMetadata);
        assertTrue(missing.getMessage().contains("tock_web_connector_extra_headers"), missing.getMessage());
        assertOneLine(missing);
    }

    private static void assertOneLine(TockEngine.MissingHook missing) {
        assertFalse(missing.getMessage().contains("\n"), missing.getMessage());
        assertTrue(missing.getMessage().startsWith("this build needs Tock 23.9"), missing.getMessage());
    }
}
