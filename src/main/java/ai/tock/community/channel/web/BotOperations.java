package ai.tock.community.channel.web;

import java.util.Locale;

/** What the web channel asks of the running bot, besides Tock's own turns. */
public interface BotOperations {

    /** Content loaded and model trained: the bot can answer. */
    boolean ready();

    /** The language a question is written in, by the current model; {@code whenUnsure} when it cannot tell. */
    Locale languageOf(String text, Locale whenUnsure);

    /** Metrics in Prometheus's text format. */
    String prometheusMetrics();

    /** The unanswered-questions report, as a JSON-serialisable object. */
    Object unansweredReport();

    /** Counts one response of the web channel by its HTTP status. */
    void countResponse(int status);
}
