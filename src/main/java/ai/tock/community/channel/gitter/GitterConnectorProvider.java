package ai.tock.community.channel.gitter;

import ai.tock.bot.connector.Connector;
import ai.tock.bot.connector.ConnectorConfiguration;
import ai.tock.bot.connector.ConnectorMessage;
import ai.tock.bot.connector.ConnectorProvider;
import ai.tock.bot.connector.ConnectorType;
import ai.tock.bot.connector.ConnectorTypeConfiguration;
import ai.tock.community.bot.BotPort;
import ai.tock.community.bot.OperatorLog;
import ai.tock.shared.security.RequestFilter;
import kotlin.jvm.JvmClassMappingKt;
import kotlin.reflect.KClass;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the {@link GitterConnector} for a bot configuration of type "gitter", with the settings, the bot port
 * and the operator log it was built with. Registered with Tock by the composition root when GITTER_TOKEN is set.
 */
public final class GitterConnectorProvider implements ConnectorProvider {

    private final GitterSettings settings;
    private final BotPort bot;
    private final OperatorLog operatorLog;
    private final GitterConnector.Stats stats = new GitterConnector.Stats();
    private volatile GitterConnector connector;

    public GitterConnectorProvider(GitterSettings settings, BotPort bot, OperatorLog operatorLog) {
        this.settings = settings;
        this.bot = bot;
        this.operatorLog = operatorLog;
    }

    /** Sync time and failed calls of the connector this provider creates, for the metrics. */
    public GitterConnector.Stats stats() {
        return stats;
    }

    @Override
    public ConnectorType getConnectorType() {
        return GitterConnector.GITTER;
    }

    @Override
    public Set<KClass<? extends ConnectorMessage>> getSupportedResponseConnectorMessageTypes() {
        return Set.of(JvmClassMappingKt.getKotlinClass(GitterConnector.Message.class));
    }

    @Override
    public Connector connector(ConnectorConfiguration configuration) {
        connector = new GitterConnector(configuration.getConnectorId(), settings,
                new MatrixClient(settings.homeserver(), settings.accessToken(), Duration.ofSeconds(30)), GitterTimings.defaults(),
                bot, operatorLog, stats);
        return connector;
    }

    /** Stops the connector created, if any: its sync loop ends and its position is saved. */
    public void stop() {
        Optional.ofNullable(connector).ifPresent(GitterConnector::stop);
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
}
