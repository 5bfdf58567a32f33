package ai.tock.community;

import ai.tock.community.channel.gitter.GitterSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's configuration, from environment variables only (see the README's table).
 *
 * @param port           HTTP port of the web channel ({@code PORT}, default 8080)
 * @param storiesDir     the content ({@code BOT_STORIES_DIR}, default {@code ./stories})
 * @param dataDir        where the bot writes ({@code BOT_DATA_DIR}, default {@code ./data})
 * @param allowedOrigins other origins that may call {@code /web} ({@code BOT_ALLOWED_ORIGINS}, comma-separated)
 * @param maxUsers       users whose state is kept in memory ({@code BOT_MAX_USERS}, default 10000)
 * @param userRatePerMinute    questions a user id may ask per minute on the web ({@code BOT_RATE_PER_USER}, default 30)
 * @param addressRatePerMinute requests one client address may send per minute ({@code BOT_RATE_PER_ADDRESS}, default 300)
 * @param adminToken     bearer token of {@code /admin/*} ({@code ADMIN_TOKEN}); the routes are off without it
 * @param logText        whether the turn log line carries the user's text ({@code BOT_LOG_TEXT}, default false)
 * @param gitter         the Gitter channel's settings, when {@code GITTER_TOKEN} is set
 */
public record BotSettings(int port, Path storiesDir, Path dataDir, List<String> allowedOrigins, int maxUsers,
                          int userRatePerMinute, int addressRatePerMinute, Optional<String> adminToken, boolean logText,
                          Optional<GitterSettings> gitter) {

    /** A variable has a value the bot cannot use; the message names it. */
    public static final class InvalidSetting extends RuntimeException {
        public InvalidSetting(String message) {
            super(message);
        }
    }

    public static BotSettings fromEnvironment(Map<String, String> env) {
        List<String> origins = Arrays.stream(env.getOrDefault("BOT_ALLOWED_ORIGINS", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        origins.stream().filter(o -> !o.matches("https?://[^/\\s]+")).findFirst().ifPresent(o -> {
            throw new InvalidSetting("BOT_ALLOWED_ORIGINS has '" + o + "': an origin is scheme://host[:port], without a path");
        });
        Path dataDir = Path.of(env.getOrDefault("BOT_DATA_DIR", "data"));
        return new BotSettings(
                intVariable(env, "PORT", 8080, 0, 65535),
                Path.of(env.getOrDefault("BOT_STORIES_DIR", "stories")),
                dataDir,
                origins,
                intVariable(env, "BOT_MAX_USERS", 10_000, 1, 10_000_000),
                intVariable(env, "BOT_RATE_PER_USER", 30, 1, 1_000_000),
                intVariable(env, "BOT_RATE_PER_ADDRESS", 300, 1, 10_000_000),
                Optional.ofNullable(env.get("ADMIN_TOKEN")).map(String::strip).filter(t -> !t.isEmpty()),
                booleanVariable(env, "BOT_LOG_TEXT"),
                gitter(env, dataDir));
    }

    // Secrets stay out of logs and error messages, even when the settings are printed.
    @Override
    public String toString() {
        return "BotSettings[port=" + port + ", storiesDir=" + storiesDir + ", dataDir=" + dataDir + ", allowedOrigins="
                + allowedOrigins + ", maxUsers=" + maxUsers + ", admin=" + (adminToken.isPresent() ? "on" : "off")
                + ", logText=" + logText + ", gitter=" + gitter.map(GitterSettings::toString).orElse("off") + "]";
    }

    private static boolean booleanVariable(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "false").strip().toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidSetting(name + "=" + value + " must be true or false");
        }
        return value.equals("true");
    }

    private static Optional<GitterSettings> gitter(Map<String, String> env, Path dataDir) {
        try {
            return GitterSettings.fromEnvironment(env, dataDir);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting(e.getMessage());
        }
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
