package ai.tock.community.channel.gitter;

import ai.tock.bot.connector.ConnectorCallback;
import ai.tock.bot.engine.action.SendSentence;
import ai.tock.bot.engine.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** One question's trip through Tock: the question, its language, and the sentences collected until the last answer. */
public final class GitterCallback implements ConnectorCallback {

    private static final Logger logger = LoggerFactory.getLogger(GitterCallback.class);

    /** What is sent back for the question. */
    record Reply(List<String> answerHtml, List<String> suggestions) {
    }

    private final String applicationId;
    private final GitterQuestion question;
    private final Locale language;
    private final SendSentence asked;
    private final Consumer<GitterCallback> onAnswered;
    private final List<String> answerHtml = new ArrayList<>();
    private final List<String> suggestions = new ArrayList<>();
    private boolean replied;

    /** @param asked the question as handed to Tock, which records on it the intent it found */
    GitterCallback(String applicationId, GitterQuestion question, Locale language, SendSentence asked, Consumer<GitterCallback> onAnswered) {
        this.applicationId = applicationId;
        this.question = question;
        this.language = language;
        this.asked = asked;
        this.onAnswered = onAnswered;
    }

    /** The language detected in the question; Tock answers in it. */
    public Locale language() {
        return language;
    }

    GitterQuestion question() {
        return question;
    }

    /** The intent Tock answered, once it has (null before, or when it found none). */
    String intent() {
        return asked.getState().getIntent();
    }

    synchronized void collect(String html, List<String> quickReplies) {
        if (!replied && html != null && !html.isBlank()) {
            answerHtml.add(html);
        }
        if (!replied) {
            suggestions.addAll(quickReplies);
        }
    }

    /** The reply, once: the caller that gets it sends it; sentences collected later are dropped. */
    synchronized Optional<Reply> takeReply() {
        if (replied || answerHtml.isEmpty() && suggestions.isEmpty()) {
            return Optional.empty();
        }
        replied = true;
        return Optional.of(new Reply(List.copyOf(answerHtml), List.copyOf(suggestions)));
    }

    @Override
    public String getApplicationId() {
        return applicationId;
    }

    @Override
    public void userLocked(Event event) {
        // Nothing to do: Tock serializes a conversation's questions itself.
    }

    @Override
    public void userLockReleased(Event event) {
        // Nothing to do.
    }

    @Override
    public void eventSkipped(Event event) {
        logger.debug("Gitter question {} skipped by the bot", question.eventId());
    }

    /** Sends what was collected if no action carried lastAnswer. */
    @Override
    public void eventAnswered(Event event) {
        onAnswered.accept(this);
    }

    @Override
    public void exceptionThrown(Event event, Throwable throwable) {
        logger.warn("Gitter question {}: the bot failed", question.eventId(), throwable);
    }
}
