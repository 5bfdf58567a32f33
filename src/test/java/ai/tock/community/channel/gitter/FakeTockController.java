package ai.tock.community.channel.gitter;

import ai.tock.bot.admin.bot.BotApplicationConfiguration;
import ai.tock.bot.connector.Connector;
import ai.tock.bot.connector.ConnectorData;
import ai.tock.bot.connector.ConnectorMessage;
import ai.tock.bot.connector.ConnectorType;
import ai.tock.bot.definition.BotDefinition;
import ai.tock.bot.definition.IntentAware;
import ai.tock.bot.definition.StoryDefinition;
import ai.tock.bot.definition.StoryHandlerDefinition;
import ai.tock.bot.definition.StoryStep;
import ai.tock.bot.engine.ConnectorController;
import ai.tock.bot.engine.action.Action;
import ai.tock.bot.engine.action.ActionMetadata;
import ai.tock.bot.engine.action.ActionNotificationType;
import ai.tock.bot.engine.action.SendSentence;
import ai.tock.bot.engine.dialog.EventState;
import ai.tock.bot.engine.event.Event;
import ai.tock.bot.engine.user.PlayerId;
import ai.tock.bot.engine.user.UserPreferences;
import io.vertx.ext.web.Router;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.litote.kmongo.id.ObjectIdGenerator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stands in for Tock's engine: records each question and answers it at once through the connector,
 * as TockConnectorController does after running a story.
 */
final class FakeTockController implements ConnectorController {

    static final String ANSWER_HTML = "Tock is documented at <a href=\"https://doc.tock.ai\">the docs</a> &amp; more.";
    /** The intent Tock finds in every question here, as Tock's engine records it on the question's state. */
    static final String INTENT = "install";

    /** A question as Tock received it. */
    record Handled(String text, PlayerId user, PlayerId bot, Locale language) {
    }

    private final Connector connector;
    private final List<Handled> handled = new ArrayList<>();

    FakeTockController(Connector connector) {
        this.connector = connector;
    }

    synchronized List<Handled> handled() {
        return List.copyOf(handled);
    }

    @Override
    public void handle(Event event, ConnectorData data) {
        SendSentence question = (SendSentence) event;
        question.getState().setIntent(INTENT);
        UserPreferences profile = connector.loadProfile(data.getCallback(), question.getPlayerId());
        synchronized (this) {
            handled.add(new Handled(question.getStringText(), question.getPlayerId(), question.getRecipientId(),
                    profile == null ? null : profile.getLocale()));
        }
        String text = question.getStringText();
        if (text.contains("suggest")) {
            ConnectorMessage message = connector.addSuggestions("Here you are.", List.of("What is Tock?", "Who <made> it?"))
                    .invoke(null);
            send(question, null, List.of(message), data, true);
        } else if (text.contains("two sentences")) {
            send(question, "First.", List.of(), data, false);
            send(question, "Second.", List.of(), data, true);
        } else {
            send(question, ANSWER_HTML, List.of(), data, true);
        }
    }

    private void send(SendSentence question, String text, List<ConnectorMessage> messages, ConnectorData data, boolean last) {
        ActionMetadata metadata = new ActionMetadata();
        metadata.setLastAnswer(last);
        SendSentence answer = new SendSentence(question.getRecipientId(), question.getApplicationId(), question.getPlayerId(),
                text, new ArrayList<>(messages), ObjectIdGenerator.INSTANCE.newObjectId(), Instant.now(), new EventState(),
                metadata, null, null);
        connector.send(answer, data.getCallback(), 0);
    }

    @Override
    public BotDefinition getBotDefinition() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Connector getConnector() {
        return connector;
    }

    @Override
    public ConnectorType getConnectorType() {
        return connector.getConnectorType();
    }

    @Override
    public BotApplicationConfiguration getBotConfiguration() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void notify(PlayerId recipientId, IntentAware intent, StoryStep<? extends StoryHandlerDefinition> step,
                       Map<String, String> parameters, ActionNotificationType notificationType,
                       Function1<? super Throwable, Unit> errorListener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double support(Action action, ConnectorData data) {
        return 0;
    }

    @Override
    public void registerServices(String serviceIdentifier, Function1<? super Router, Unit> installer) {
        // No HTTP services for Gitter.
    }

    @Override
    public void unregisterServices() {
        // Nothing registered.
    }

    @Override
    public Action errorMessage(PlayerId playerId, String applicationId, PlayerId recipientId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Function1<String, StoryDefinition> storyDefinitionLoader(String applicationId) {
        throw new UnsupportedOperationException();
    }
}
