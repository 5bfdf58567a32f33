package ai.tock.community.channel.gitter;

import ai.tock.bot.connector.ConnectorConfiguration;
import ai.tock.bot.connector.ConnectorProvider;
import ai.tock.shared.IOCsKt;
import com.github.salomonbrys.kodein.ClassTypeToken;
import com.github.salomonbrys.kodein.Kodein;
import com.github.salomonbrys.kodein.KodeinInjector;
import com.github.salomonbrys.kodein.bindings.InstanceBinding;
import kotlin.Unit;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitterConnectorProviderTest {

    private static final ConnectorConfiguration CONFIGURATION =
            new ConnectorConfiguration("gitter", "/gitter", GitterConnector.GITTER, null, Map.of());

    @Test
    void isFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(ConnectorProvider.class).stream()
                .anyMatch(provider -> provider.type().equals(GitterConnectorProvider.class)));
        GitterConnectorProvider provider = new GitterConnectorProvider();
        assertEquals("gitter", provider.getConnectorType().getId());
        assertEquals(GitterConnector.GITTER, provider.configuration().getConnectorType());
        assertEquals(List.of(), provider.check(CONFIGURATION));
    }

    @Test
    void createsTheConnectorFromTheSettingsBoundInTocksInjector() {
        GitterSettings settings = new GitterSettings("token", URI.create("http://127.0.0.1:1"), List.of("#a:b"), Path.of("target/gitter-provider-test"));
        KodeinInjector previous = IOCsKt.getTockInternalInjector();
        try {
            KodeinInjector injector = new KodeinInjector();
            injector.inject(Kodein.Companion.invoke(false, builder -> {
                ClassTypeToken<GitterSettings> token = new ClassTypeToken<>(GitterSettings.class);
                builder.Bind(token, null, null).with(new InstanceBinding<>(token, settings));
                return Unit.INSTANCE;
            }));
            IOCsKt.setTockInternalInjector(injector);
            GitterConnector connector = assertInstanceOf(GitterConnector.class, new GitterConnectorProvider().connector(CONFIGURATION));
            assertEquals(GitterConnector.GITTER, connector.getConnectorType());
            connector.stop();

            IOCsKt.setTockInternalInjector(new KodeinInjector());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new GitterConnectorProvider().connector(CONFIGURATION));
            assertTrue(e.getMessage().contains("GITTER_TOKEN"), e.getMessage());
        } finally {
            IOCsKt.setTockInternalInjector(previous);
        }
    }
}
