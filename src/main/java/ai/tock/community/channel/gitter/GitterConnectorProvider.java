package ai.tock.community.channel.gitter;

import ai.tock.bot.connector.Connector;
import ai.tock.bot.connector.ConnectorConfiguration;
import ai.tock.bot.connector.ConnectorMessage;
import ai.tock.bot.connector.ConnectorProvider;
import ai.tock.bot.connector.ConnectorType;
import ai.tock.bot.connector.ConnectorTypeConfiguration;
import ai.tock.community.nlu.LanguageDetector;
import ai.tock.community.nlu.LanguageOf;
import ai.tock.shared.IOCsKt;
import ai.tock.shared.security.RequestFilter;
import com.github.salomonbrys.kodein.ClassTypeToken;
import kotlin.jvm.JvmClassMappingKt;
import kotlin.reflect.KClass;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Creates the {@link GitterConnector} for a bot configuration of type "gitter". Found by Tock through
 * {@link java.util.ServiceLoader}, so it reads its {@link GitterSettings} from Tock's injector.
 */
public final class GitterConnectorProvider implements ConnectorProvider {

    public GitterConnectorProvider() {
        // ServiceLoader needs it; the settings are only looked up when a connector is created.
    }

    @Override
    public ConnectorType getConnectorType() {
        return GitterConnector.GITTER;
    }

    @Override
    public Set<KClass<? extends ConnectorMessage>> getSupportedResponseConnectorMessageTypes() {
        return Set.of(JvmClassMappingKt.getKotlinClass(GitterMessage.class));
    }

    @Override
    public Connector connector(ConnectorConfiguration configuration) {
        GitterSettings settings = settingsFromTock();
        return new GitterConnector(configuration.getConnectorId(), settings,
                new MatrixClient(settings.homeserver(), settings.accessToken()), Clock.systemUTC(), GitterTimings.defaults(),
                languageOfFromTock());
    }

    @Override
    public List<String> check(ConnectorConfiguration configuration) {
        return ConnectorProvider.DefaultImpls.check(this, configuration);
    }

    @Override
    public ConnectorTypeConfiguration configuration() {
        return new ConnectorTypeConfiguration(GitterConnector.GITTER, List.of(), null);
    }

    @Override
    public RequestFilter createRequestFilter(ConnectorConfiguration configuration) {
        return ConnectorProvider.DefaultImpls.createRequestFilter(this, configuration);
    }

    /** The bot's trained language detector when the engine binds one; common words otherwise. */
    private static LanguageOf languageOfFromTock() {
        try {
            return IOCsKt.getInjector().kodein().getValue().Instance(new ClassTypeToken<>(LanguageOf.class), null);
        } catch (RuntimeException e) {
            return new LanguageDetector()::detect;
        }
    }

    /** The engine binds {@link GitterSettings} in Tock's Kodein injector when GITTER_TOKEN is set. */
    private static GitterSettings settingsFromTock() {
        try {
            return IOCsKt.getInjector().kodein().getValue().Instance(new ClassTypeToken<>(GitterSettings.class), null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("A \"gitter\" connector is configured but no GitterSettings is bound in Tock's injector"
                    + " (is " + GitterSettings.TOKEN_VARIABLE + " set?)", e);
        }
    }
}
