package ai.tock.community.channel.web;

import ai.tock.community.shared.TrustedProxies;
import java.util.List;

/**
 * What the web channel lets through.
 *
 * @param allowedOrigins   origins besides the page's own that may call {@code /web}
 * @param userPerMinute    questions per minute per user id, after a burst of {@code userBurst}
 * @param addressPerMinute requests per minute per client address, after a burst of {@code addressBurst}
 * @param proxies          the reverse proxies whose {@code X-Forwarded-For} / {@code Forwarded} give the client address
 */
public record WebSettings(List<String> allowedOrigins, int userPerMinute, int userBurst, int addressPerMinute, int addressBurst,
                          TrustedProxies proxies) {

    /** Bursts of a fifth of a minute's allowance: a person clicking quick replies fast is not a flood. */
    public static WebSettings of(List<String> allowedOrigins, int userPerMinute, int addressPerMinute, TrustedProxies proxies) {
        return new WebSettings(allowedOrigins, userPerMinute, Math.max(5, userPerMinute / 5),
                addressPerMinute, Math.max(20, addressPerMinute / 5), proxies);
    }
}
