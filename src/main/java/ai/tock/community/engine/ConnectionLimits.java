package ai.tock.community.engine;

import ai.tock.community.shared.TrustedProxies;
import java.time.Duration;

/**
 * How long and how many connections the HTTP server keeps.
 *
 * @param requestTimeout a request whose headers and body have not all arrived this long after its first
 *                       byte (or after the connection opened) is answered 408 and closed
 *                       ({@code BOT_REQUEST_TIMEOUT}, default 10 s)
 * @param idleTimeout    a keep-alive connection with no request for this long is closed ({@code BOT_IDLE_TIMEOUT},
 *                       default 60 s)
 * @param maxPerAddress  connections one peer address may hold at once; past it, new ones are closed at once
 *                       ({@code BOT_MAX_CONNECTIONS_PER_ADDRESS}, default 100). Trusted proxies are exempt: every
 *                       visitor arrives through them
 * @param maxTotal       connections the server holds at once, all peers together ({@code BOT_MAX_CONNECTIONS},
 *                       default 2000): what bounds memory and file descriptors
 * @param proxies        the trusted proxies, exempt from {@code maxPerAddress}
 */
public record ConnectionLimits(Duration requestTimeout, Duration idleTimeout, int maxPerAddress, int maxTotal,
                               TrustedProxies proxies) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_PER_ADDRESS = 100;
    public static final int DEFAULT_MAX_TOTAL = 2000;
}
