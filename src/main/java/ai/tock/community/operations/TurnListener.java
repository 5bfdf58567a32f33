package ai.tock.community.operations;

import ai.tock.community.bot.CommunityBot;
import ai.tock.community.nlu.Outcome;
import ai.tock.community.shared.Texts;
import ai.tock.community.shared.TurnMetadata;
import ai.tock.bot.definition.StoryHandler;
import ai.tock.bot.definition.StoryHandlerListener;
import ai.tock.bot.engine.BotBus;
import ai.tock.bot.engine.nlp.NlpCallStats;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sees every turn end: counts it in the metrics and writes its one structured log line. The user's
 * text is in that line only when {@code BOT_LOG_TEXT=true}. A web turn carries its client's address
 * (through the trusted proxies) in its metadata; the bot's own warm-up turns are left out.
 */
public final class TurnListener implements StoryHandlerListener {

    private static final Logger LOG = LoggerFactory.getLogger("turn");

    private final BotMetrics metrics;
    private final BotMetrics unscraped = new BotMetrics();
    private final boolean logText;
    private final Clock clock;

    public TurnListener(BotMetrics metrics, boolean logText, Clock clock) {
        this.metrics = metrics;
        this.logText = logText;
        this.clock = clock;
    }

    @Override
    public boolean startAction(BotBus bus, StoryHandler handler) {
        return true;
    }

    @Override
    public void endAction(BotBus bus, StoryHandler handler) {
        Map<String, String> metadata = bus.getConnectorData().getMetadata();
        boolean warmUp = metadata.containsKey(TurnMetadata.WARM_UP);
        String client = metadata.get(TurnMetadata.CLIENT_ADDRESS);
        String channel = bus.getTargetConnectorType().getId();
        String intent = bus.getStory().getDefinition().mainIntent().getName();
        NlpCallStats nlp = bus.nlpStats();
        double confidence = nlp == null ? 1.0 : nlp.getNlpResult().getIntentProbability();
        Duration latency = Duration.between(bus.getAction().getDate(), clock.instant());
        String outcome = outcome(intent);
        // The warm-up's turns are counted where no scrape sees them: the same code compiled, nothing shown.
        (warmUp ? unscraped : metrics).turn(channel, intent, outcome, latency, client);
        if (LOG.isInfoEnabled()) {
            String text = logText && bus.getUserText() != null ? " text=" + quoted(bus.getUserText()) : "";
            String from = client == null ? "" : " client=" + client;
            // The warm-up's line is written too, and dropped: the first users' lines are not formatted by cold code.
            String line = String.format(Locale.ROOT, "channel=%s%s language=%s topic=%s confidence=%.3f outcome=%s latency_ms=%d%s",
                    channel, from, bus.getUserLocale().getLanguage(), intent, confidence, outcome, latency.toMillis(), text);
            if (!warmUp) {
                LOG.info(line);
            }
        }
    }

    private static String outcome(String intent) {
        return CommunityBot.FEEDBACK_INTENT.equals(intent) ? "feedback" : Outcome.ofIntent(intent).label();
    }

    /** One line per turn, whatever the user typed. */
    private static String quoted(String text) {
        String oneLine = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
        return "\"" + (oneLine.length() > 200 ? Texts.clip(oneLine, 200) + "…" : oneLine).replace("\"", "\\\"") + "\"";
    }
}
