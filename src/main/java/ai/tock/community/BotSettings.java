package ai.tock.community;

import ai.tock.community.channel.gitter.GitterSettings;
import ai.tock.community.channel.web.WebSettings;
import ai.tock.community.engine.ConnectionLimits;
import ai.tock.community.operations.OperationsSettings;
import ai.tock.community.shared.TrustedProxies;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's configuration, from environment variables only (see the README's table), read once at
 * start and handed to each part as its own typed settings.
 *
 * @param port       HTTP port of the chat page, the web channel and the operations routes ({@code PORT}, default 8080)
 * @param storiesDir the content ({@code BOT_STORIES_DIR}, default {@code ./stories})
 * @param maxUsers   users whose state is kept in memory ({@code BOT_MAX_USERS}, default 10000)
 * @param web         the web channel's settings
 * @param connections what the HTTP server keeps of slow, idle and numerous connections
 * @param warmUp      the longest the bot warms up before it says ready ({@code BOT_WARMUP_SECONDS}, default 30; 0: none)
 * @param operations  the operations' settings (data folder, admin token, turn log)
 * @param gitter      the Gitter channel's settings, when {@code GITTER_TOKEN} is set
 */
public record BotSettings(int port, Path storiesDir, int maxUsers, WebSettings web, ConnectionLimits connections,
                          Duration warmUp, OperationsSettings operations, Optional<GitterSettings> gitter) {

    /** A variable has a value the bot cannot use; the message names it. */
    public static final class InvalidSetting extends RuntimeException {
        public InvalidSetting(String message) {
            super(message);
        }
    }

    static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(30);

    public static BotSettings fromEnvironment(Map<String, String> env) {
        List<String> origins = Arrays.stream(env.getOrDefault("BOT_ALLOWED_ORIGINS", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        origins.stream().filter(o -> !o.matches("https?://[^/\\s]+")).findFirst().ifPresent(o -> {
            throw new InvalidSetting("BOT_ALLOWED_ORIGINS has '" + o + "': an origin is scheme://host[:port], without a path");
        });
        Path dataDir = Path.of(env.getOrDefault("BOT_DATA_DIR", "data"));
        TrustedProxies proxies = trustedProxies(env);
        return new BotSettings(
                intVariable(env, "PORT", 8080, 1, 65535),
                Path.of(env.getOrDefault("BOT_STORIES_DIR", "stories")),
                intVariable(env, "BOT_MAX_USERS", 10_000, 1, 10_000_000),
                WebSettings.of(origins,
                        intVariable(env, "BOT_RATE_PER_USER", 30, 1, 1_000_000),
                        intVariable(env, "BOT_RATE_PER_ADDRESS", 300, 1, 10_000_000), proxies),
                new ConnectionLimits(
                        seconds(env, "BOT_REQUEST_TIMEOUT", ConnectionLimits.DEFAULT_REQUEST_TIMEOUT, 1, 3600),
                        seconds(env, "BOT_IDLE_TIMEOUT", ConnectionLimits.DEFAULT_IDLE_TIMEOUT, 1, 3600),
                        intVariable(env, "BOT_MAX_CONNECTIONS_PER_ADDRESS", ConnectionLimits.DEFAULT_MAX_PER_ADDRESS, 1, 1_000_000),
                        intVariable(env, "BOT_MAX_CONNECTIONS", ConnectionLimits.DEFAULT_MAX_TOTAL, 1, 1_000_000), proxies),
                seconds(env, "BOT_WARMUP_SECONDS", DEFAULT_WARM_UP, 0, 600),
                new OperationsSettings(dataDir,
                        Optional.ofNullable(env.get("ADMIN_TOKEN")).map(String::strip).filter(t -> !t.isEmpty()),
                        booleanVariable(env, "BOT_LOG_TEXT")),
                checkedGitter(env, dataDir));
    }

    private static boolean booleanVariable(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "false").strip().toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidSetting(name + "=" + value + " must be true or false");
        }
        return value.equals("true");
    }

    private static Optional<GitterSettings> checkedGitter(Map<String, String> env, Path dataDir) {
        try {
            return gitter(env, dataDir);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting(e.getMessage());
        }
    }

    /**
     * Reads the Gitter channel's settings from environment variables.
     *
     * @param dataDir the bot's data folder, as the engine already read it from {@code BOT_DATA_DIR}
     * @return empty when {@code GITTER_TOKEN} is unset or blank: the bot then runs without the Gitter channel
     * @throws IllegalArgumentException naming the variable when GITTER_HOMESERVER or GITTER_ROOMS is invalid
     */
    public static Optional<GitterSettings> gitter(Map<String, String> env, Path dataDir) {
        String token = env.getOrDefault("GITTER_TOKEN", "").strip();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        List<String> rooms = Arrays.stream(env.getOrDefault("GITTER_ROOMS", "#tockchat_Lobby:gitter.im").split(","))
                .map(String::strip).filter(room -> !room.isEmpty()).toList();
        try {
            URI homeserver = env.containsKey("GITTER_HOMESERVER") ? new URI(env.get("GITTER_HOMESERVER").strip())
                    : GitterSettings.DEFAULT_HOMESERVER;
            return Optional.of(new GitterSettings(token, homeserver, rooms, dataDir));
        } catch (URISyntaxException e) {
            // The value is not echoed: it may hold a token.
            throw new IllegalArgumentException("GITTER_HOMESERVER is not a URL; give one such as " + GitterSettings.DEFAULT_HOMESERVER);
        }
    }

    private static TrustedProxies trustedProxies(Map<String, String> env) {
        try {
            return TrustedProxies.parse(env.getOrDefault("BOT_TRUSTED_PROXIES", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting("BOT_TRUSTED_PROXIES has " + e.getMessage());
        }
    }

    private static Duration seconds(Map<String, String> env, String name, Duration fallback, int min, int max) {
        return Duration.ofSeconds(intVariable(env, name, (int) fallback.toSeconds(), min, max));
    }

    private static int intVariable(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new InvalidSetting(name + "=" + value + " is out of range (" + min + " to " + max + ")");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidSetting(name + "=" + value + " is not a whole number");
        }
    }
}
