package ai.tock.community.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BotMetricsTest {

    private final BotMetrics metrics = new BotMetrics();

    @Test
    void each_turn_counts_once_under_its_own_tags() {
        metrics.turn("web", "licence", "answer", Duration.ofMillis(2), null);
        metrics.turn("web", "licence", "answer", Duration.ofMillis(4), null);
        metrics.turn("gitter", "unknown", "off_topic", Duration.ofMillis(1), null);
        metrics.webResponse(200);
        metrics.webResponse(200);
        metrics.webResponse(429);
        String text = metrics.scrape();
        assertEquals(2.0, value(text, "bot_requests_total", "channel", "web"), text);
        assertEquals(1.0, value(text, "bot_requests_total", "channel", "gitter"), text);
        assertEquals(2.0, value(text, "bot_answers_total", "intent", "licence"), text);
        assertEquals(1.0, value(text, "bot_outcomes_total", "outcome", "off_topic"), text);
        assertEquals(2.0, value(text, "bot_turn_latency_seconds_count", "channel", "web"), text);
        assertEquals(0.006, value(text, "bot_turn_latency_seconds_sum", "channel", "web"), 1e-9, text);
        assertEquals(2.0, value(text, "bot_web_responses_total", "status", "200"), text);
        assertEquals(1.0, value(text, "bot_web_responses_total", "status", "429"), text);
    }

    @Test
    void the_client_addresses_of_the_last_ten_minutes_are_counted_once_each() {
        long[] now = {0};
        BotMetrics clients = new BotMetrics(() -> now[0]);
        clients.turn("web", "licence", "answer", Duration.ofMillis(1), "198.51.100.1");
        clients.turn("web", "licence", "answer", Duration.ofMillis(1), "198.51.100.1");
        clients.turn("web", "licence", "answer", Duration.ofMillis(1), "2001:db8::1");
        clients.turn("gitter", "licence", "answer", Duration.ofMillis(1), null);
        assertEquals(2.0, gauge(clients.scrape(), "bot_web_clients"));
        now[0] += Duration.ofMinutes(11).toNanos();
        assertEquals(0.0, gauge(clients.scrape(), "bot_web_clients"));
    }

    private static double gauge(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double value(String scrape, String name, String tag, String tagValue) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{" + tag + "=\"" + tagValue + "\",?\\} (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
