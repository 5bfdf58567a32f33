package ai.tock.community.channel.gitter;

import ai.tock.bot.connector.ConnectorMessage;
import ai.tock.bot.connector.ConnectorType;
import ai.tock.bot.engine.message.GenericMessage;

import java.util.List;

/**
 * A Gitter answer with quick replies, built by {@link GitterConnector#addSuggestions}: Matrix has no buttons,
 * so the suggestions become a last line of the answer.
 *
 * @param text        the answer, as minimal HTML
 * @param suggestions the quick replies, plain text
 */
public record GitterMessage(String text, List<String> suggestions) implements ConnectorMessage {

    public GitterMessage {
        text = text == null ? "" : text;
        suggestions = List.copyOf(suggestions);
    }

    @Override
    public ConnectorType getConnectorType() {
        return GitterConnector.GITTER;
    }

    @Override
    public GenericMessage toGenericMessage() {
        return null;
    }

    @Override
    public ConnectorMessage obfuscate() {
        return this;
    }

    @Override
    public ConnectorMessage toConnectorMessage() {
        return this;
    }
}
