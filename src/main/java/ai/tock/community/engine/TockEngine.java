package ai.tock.community.engine;

import ai.tock.bot.BotInstallerKt;
import ai.tock.bot.admin.bot.BotApplicationConfiguration;
import ai.tock.bot.connector.ConnectorProvider;
import ai.tock.bot.connector.ConnectorType;
import ai.tock.bot.definition.BotDefinition;
import ai.tock.bot.definition.StoryHandlerListener;
import ai.tock.bot.engine.BotRepository;
import ai.tock.bot.engine.user.UserLock;
import ai.tock.bot.engine.user.UserTimelineDAO;
import ai.tock.nlp.api.client.NlpClient;
import ai.tock.shared.vertx.VertXsKt;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import kotlin.Unit;
import kotlin.jvm.functions.Function0;
import kotlin.jvm.functions.Function1;
import org.litote.kmongo.id.ObjectIdGenerator;

/**
 * Tock's engine, in-process: its storage bound to memory, its NLP to the bot's classifier, the bot's
 * connectors registered, then its web server started. Tock keeps its engine in process-wide
 * singletons, so this runs once per JVM.
 *
 * @param bot            the one bot definition
 * @param nlp            what Tock calls to understand a message
 * @param timelines      users' state
 * @param userLock       one turn at a time per user
 * @param storyListeners receives Tock's listener for story changes (see {@link EngineModule#create})
 * @param connectors     the channels Tock runs
 * @param turnListeners  told of every turn
 * @param routes         add their routes to Tock's router before it listens
 */
public record TockEngine(BotDefinition bot, NlpClient nlp, UserTimelineDAO timelines, UserLock userLock,
                         Consumer<Function0<Unit>> storyListeners, List<Connector> connectors,
                         List<StoryHandlerListener> turnListeners, List<Consumer<Router>> routes) {

    /** Tock's verticle says on this event-bus address whether its server listens, once it has tried. */
    private static final String SERVER_STARTED = "server.started";

    /**
     * A channel for Tock: its application id, its type and path, and the provider that creates it when
     * Tock has none of its own (the web connector is Tock's; Gitter is the bot's).
     */
    public record Connector(String applicationId, ConnectorType type, String path, Optional<ConnectorProvider> provider) {
    }

    /** The web server did not start: the message says why, for one line and exit 2. */
    public static final class NotListening extends RuntimeException {
        NotListening(String message) {
            super(message);
        }
    }

    /**
     * Starts Tock and returns once its web server listens on {@code port}.
     *
     * @throws NotListening when the server could not listen (the port is taken) or did not start in time
     */
    public void start(int port, Duration timeout) {
        TockProperties.setPort(port);
        List<BotApplicationConfiguration> configurations = connectors.stream().map(this::configuration).toList();
        connectors.forEach(c -> c.provider().ifPresent(TockEngine::register));
        turnListeners.forEach(BotRepository.INSTANCE::registerStoryHandlerListener);
        var module = EngineModule.create(new InMemoryConfigurations(configurations), timelines, userLock, nlp, storyListeners);
        CompletableFuture<Boolean> listening = new CompletableFuture<>();
        // Registered before Tock deploys its verticle, and outside it: a verticle that fails to listen is
        // undeployed, with the consumers registered from within it, before it says so.
        MessageConsumer<Boolean> started = VertXsKt.getVertx().eventBus().consumer(SERVER_STARTED);
        started.handler(message -> {
            listening.complete(Boolean.TRUE.equals(message.body()));
            started.unregister();
        });
        Function1<Router, Unit> install = router -> {
            routes.forEach(r -> r.accept(router));
            return Unit.INSTANCE;
        };
        BotInstallerKt.registerAndInstallBot(bot, List.of(module), install);
        boolean listens;
        try {
            listens = listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NotListening("the web server did not start within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new NotListening("the web server did not start: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotListening("interrupted while starting");
        }
        if (!listens) {
            throw new NotListening("the web server could not listen on port " + port + " (is it already in use?)");
        }
    }

    /**
     * Fails early, in one line, when the port is plainly taken, before Tock logs its own failure. Only a
     * courtesy: Tock's server still says whether it listens (the port can be taken in between).
     */
    public static void requireFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new NotListening("the web server cannot listen on port " + port + " (is it already in use?)");
        }
    }

    /** Stops Tock's server and event loops; what is in flight is already answered. */
    public static void stop() {
        VertXsKt.getVertx().close();
    }

    /**
     * Tock finds connector providers with ServiceLoader, which builds them without arguments; this
     * bot's providers are built with their settings, so they are registered by hand. Tock's
     * registration method is Kotlin-internal: public in the bytecode under its module-mangled name.
     */
    private static void register(ConnectorProvider provider) {
        BotRepository.INSTANCE.registerConnectorProvider$tock_bot_engine(provider);
    }

    private BotApplicationConfiguration configuration(Connector connector) {
        return new BotApplicationConfiguration(connector.applicationId(), bot.getBotId(), bot.getNamespace(), bot.getBotId(),
                connector.type(), null, connector.applicationId(), null, Map.of(), connector.path(),
                ObjectIdGenerator.INSTANCE.newObjectId(), null);
    }
}
