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
        metrics.turn("web", "licence", "answer", Duration.ofMillis(2));
        metrics.turn("web", "licence", "answer", Duration.ofMillis(4));
        metrics.turn("gitter", "unknown", "off_topic", Duration.ofMillis(1));
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

    private static double value(String scrape, String name, String tag, String tagValue) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{" + tag + "=\"" + tagValue + "\",?\\} (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
