package ai.tock.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deployment settings: their defaults, their values, and a bad value named in one line. */
class BotSettingsTest {

    @Test
    void the_defaults_bound_slow_and_idle_clients_and_trust_no_proxy() {
        BotSettings settings = BotSettings.fromEnvironment(Map.of());
        assertEquals(Duration.ofSeconds(10), settings.connections().requestTimeout());
        assertEquals(Duration.ofSeconds(60), settings.connections().idleTimeout());
        assertEquals(100, settings.connections().maxPerAddress());
        assertEquals(2000, settings.connections().maxTotal());
        assertTrue(settings.web().proxies().isEmpty());
        assertFalse(settings.web().proxies().trusts("127.0.0.1"));
        assertEquals(Duration.ofSeconds(30), settings.warmUp());
    }

    @Test
    void each_setting_is_read_and_handed_to_the_parts_that_use_it() {
        BotSettings settings = BotSettings.fromEnvironment(Map.of("BOT_REQUEST_TIMEOUT", "3", "BOT_IDLE_TIMEOUT", "20",
                "BOT_MAX_CONNECTIONS_PER_ADDRESS", "7", "BOT_MAX_CONNECTIONS", "500", "BOT_TRUSTED_PROXIES", "10.0.0.0/8, ::1",
                "BOT_WARMUP_SECONDS", "0"));
        assertEquals(Duration.ofSeconds(3), settings.connections().requestTimeout());
        assertEquals(Duration.ofSeconds(20), settings.connections().idleTimeout());
        assertEquals(7, settings.connections().maxPerAddress());
        assertEquals(500, settings.connections().maxTotal());
        // The same trusted proxies for the web channel (client address) and the connection limits (exempt).
        assertTrue(settings.web().proxies().trusts("10.1.2.3") && settings.web().proxies().trusts("::1"));
        assertTrue(settings.connections().proxies().trusts("10.1.2.3"));
        assertEquals(Duration.ZERO, settings.warmUp());
    }

    @Test
    void a_bad_value_stops_start_up_naming_the_variable_and_the_value() {
        for (Map.Entry<String, String> bad : Map.of("BOT_REQUEST_TIMEOUT", "0", "BOT_IDLE_TIMEOUT", "ten",
                "BOT_MAX_CONNECTIONS_PER_ADDRESS", "-1", "BOT_MAX_CONNECTIONS", "0", "BOT_WARMUP_SECONDS", "3601",
                "BOT_TRUSTED_PROXIES", "10.0.0.0/8,proxy.local").entrySet()) {
            BotSettings.InvalidSetting refused = assertThrows(BotSettings.InvalidSetting.class,
                    () -> BotSettings.fromEnvironment(Map.of(bad.getKey(), bad.getValue())), bad.toString());
            assertTrue(refused.getMessage().startsWith(bad.getKey()), refused.getMessage());
            assertTrue(refused.getMessage().contains(bad.getValue().contains(",") ? "proxy.local" : bad.getValue()), refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        }
    }
}
