package ai.tock.community.operations;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What operations need.
 *
 * @param dataDir    where the bot writes its logs ({@code BOT_DATA_DIR})
 * @param adminToken bearer token of {@code /admin/*} ({@code ADMIN_TOKEN}); the routes are off without it
 * @param logText    whether the turn log line carries the user's text ({@code BOT_LOG_TEXT})
 */
public record OperationsSettings(Path dataDir, Optional<String> adminToken, boolean logText) {

    // The token stays out of logs and error messages, even when the settings are printed.
    @Override
    public String toString() {
        return "OperationsSettings[dataDir=" + dataDir + ", admin=" + (adminToken.isPresent() ? "on" : "off")
                + ", logText=" + logText + "]";
    }
}
