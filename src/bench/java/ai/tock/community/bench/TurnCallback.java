package ai.tock.community.bench;

import ai.tock.bot.connector.ConnectorCallbackBase;
import ai.tock.bot.connector.web.WebConnectorKt;
import ai.tock.bot.engine.action.Action;
import ai.tock.bot.engine.event.Event;
import ai.tock.bot.orchestration.bot.secondary.OrchestrationCallback;
import ai.tock.bot.orchestration.shared.SecondaryBotResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Collects a turn's answers without HTTP. Tock's web connector hands its actions to a callback only
 * if it is its own (tied to a Vert.x request) or an orchestration callback; this is the latter, and
 * its {@code sendResponse()} is called when the last answer of the turn arrives.
 */
final class TurnCallback extends ConnectorCallbackBase implements OrchestrationCallback {

    private final List<Action> actions = new ArrayList<>(4);
    final CompletableFuture<List<Action>> answered = new CompletableFuture<>();

    TurnCallback(String applicationId) {
        super(applicationId, WebConnectorKt.getWebConnectorType());
    }

    @Override
    public List<Action> getActions() {
        return actions;
    }

    @Override
    public void sendResponse() {
        answered.complete(List.copyOf(actions));
    }

    @Override
    public void sendResponse(SecondaryBotResponse response) {
        sendResponse();
    }

    @Override
    public void sendError() {
        answered.completeExceptionally(new IllegalStateException("the bot answered with an error"));
    }

    @Override
    public void eventSkipped(Event event) {
        super.eventSkipped(event);
        answered.completeExceptionally(new IllegalStateException("event skipped: " + event));
    }

    @Override
    public void exceptionThrown(Event event, Throwable throwable) {
        super.exceptionThrown(event, throwable);
        answered.completeExceptionally(throwable);
    }
}
