package ai.tock.community;

import ai.tock.community.bot.KnowledgeBase;
import ai.tock.community.operations.BotMetrics;
import ai.tock.community.operations.FeedbackLog;
import ai.tock.community.operations.UnansweredLog;
import ai.tock.community.operations.UnansweredReport;
import ai.tock.community.channel.web.BotOperations;
import java.util.Locale;

/** The running bot, as the web channel's health, metrics and admin routes see it. */
final class RuntimeOperations implements BotOperations {

    private final KnowledgeBase knowledge;
    private final BotMetrics metrics;
    private final UnansweredLog unanswered;
    private final FeedbackLog feedback;

    RuntimeOperations(KnowledgeBase knowledge, BotMetrics metrics, UnansweredLog unanswered, FeedbackLog feedback) {
        this.knowledge = knowledge;
        this.metrics = metrics;
        this.unanswered = unanswered;
        this.feedback = feedback;
    }

    @Override
    public boolean ready() {
        return knowledge.ready();
    }

    @Override
    public Locale languageOf(String text, Locale whenUnsure) {
        return knowledge.current().languages().detect(text, whenUnsure);
    }

    @Override
    public String prometheusMetrics() {
        return metrics.scrape();
    }

    @Override
    public Object unansweredReport() {
        return new UnansweredReport().build(unanswered.entries(), feedback.votes());
    }

    @Override
    public void countResponse(int status) {
        metrics.webResponse(status);
    }
}
