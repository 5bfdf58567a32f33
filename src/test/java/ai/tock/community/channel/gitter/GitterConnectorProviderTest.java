package ai.tock.community.channel.gitter;

import ai.tock.bot.connector.ConnectorConfiguration;
import ai.tock.community.bot.BotPort;
import ai.tock.community.nlu.LanguageDetector;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class GitterConnectorProviderTest {

    private static final ConnectorConfiguration CONFIGURATION =
            new ConnectorConfiguration("gitter", "/gitter", GitterConnector.GITTER, null, Map.of());
    private static final BotPort BOT = new BotPort() {
        private final LanguageDetector detector = new LanguageDetector();

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public Locale languageOf(String text) {
            return detector.detect(text);
        }

        @Override
        public Locale languageOf(String text, Locale whenUnsure) {
            return detector.detect(text, whenUnsure);
        }
    };

    @Test
    void describesTheGitterConnectorType() {
        GitterConnectorProvider provider = new GitterConnectorProvider(settings(), BOT, null);
        assertEquals("gitter", provider.getConnectorType().getId());
        assertEquals(GitterConnector.GITTER, provider.configuration().getConnectorType());
        assertEquals(List.of(), provider.check(CONFIGURATION));
    }

    @Test
    void createsTheConnectorFromTheSettingsItWasBuiltWith() {
        GitterConnectorProvider provider = new GitterConnectorProvider(settings(), BOT, null);
        GitterConnector connector = assertInstanceOf(GitterConnector.class, provider.connector(CONFIGURATION));
        assertEquals(GitterConnector.GITTER, connector.getConnectorType());
        assertSame(provider.stats(), connector.stats(), "the metrics watch the connector the provider created");
        provider.stop();
    }

    private static GitterSettings settings() {
        return new GitterSettings("token", URI.create("http://127.0.0.1:1"), List.of("#a:b"), Path.of("target/gitter-provider-test"));
    }
}
