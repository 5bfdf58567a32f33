package ai.tock.community.shared;

import java.util.List;

/**
 * What the web channel tells the rest of a turn, through Tock: request headers that Tock's web
 * connector copies into the turn's connector metadata (its "extra headers"), where the turn log and
 * the metrics read them. The web channel sets them on every request it lets through, so a client
 * cannot set them itself.
 */
public final class TurnMetadata {

    /** The client's address, through the trusted proxies. */
    public static final String CLIENT_ADDRESS = "X-Bot-Client-Address";
    /** Present on the bot's own warm-up turns, which are left out of the turn log and the metrics. */
    public static final String WARM_UP = "X-Bot-Warm-Up";
    public static final List<String> HEADERS = List.of(CLIENT_ADDRESS, WARM_UP);

    private TurnMetadata() {
    }
}
