package ai.tock.community.engine;

import ai.tock.bot.BotInstallerKt;
import ai.tock.bot.admin.bot.BotApplicationConfiguration;
import ai.tock.bot.connector.web.WebConnectorKt;
import ai.tock.bot.connector.ConnectorProvider;
import ai.tock.bot.connector.ConnectorType;
import ai.tock.bot.definition.BotDefinition;
import ai.tock.bot.definition.StoryHandlerListener;
import ai.tock.bot.engine.BotRepository;
import ai.tock.bot.engine.user.UserLock;
import ai.tock.bot.engine.user.UserTimelineDAO;
import ai.tock.community.shared.TurnMetadata;
import ai.tock.nlp.api.client.NlpClient;
import ai.tock.shared.vertx.VertXsKt;
import ai.tock.shared.vertx.WebVerticle;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
 * @param guard          set on Tock's HTTP server before it listens: bounds connections and slow requests
 */
public record TockEngine(BotDefinition bot, NlpClient nlp, UserTimelineDAO timelines, UserLock userLock,
                         Consumer<Function0<Unit>> storyListeners, List<Connector> connectors,
                         List<StoryHandlerListener> turnListeners, List<Consumer<Router>> routes, ConnectionGuard guard) {

    /** Tock's verticle says on this event-bus address whether its server listens, once it has tried. */
    private static final String SERVER_STARTED = "server.started";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

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
     * Something of Tock or Vert.x this bot hooks into, beyond their settings, is not there (another
     * version): the message names it, for one line and exit 2, rather than a bot running without it.
     */
    public static final class MissingHook extends RuntimeException {
        public MissingHook(String message) {
            super("this build needs Tock 23.9 (Vert.x 4.4): " + message);
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
        AtomicBoolean guardSet = new AtomicBoolean();
        AtomicReference<MissingHook> missing = new AtomicReference<>();
        Function1<Router, Unit> install = router -> {
            // Tock calls this before its server listens, the only moment its connection handler can be set.
            if (guardSet.compareAndSet(false, true)) {
                try {
                    tockServer().connectionHandler(guard);
                } catch (MissingHook e) {
                    missing.set(e); // reported once Tock says whether it listens: a throw here would log a stack trace
                }
            }
            routes.forEach(r -> r.accept(router));
            return Unit.INSTANCE;
        };
        requireTurnMetadata();
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
        if (missing.get() != null) {
            throw missing.get();
        }
        if (!listens) {
            throw new NotListening("the web server could not listen on port " + port + " (is it already in use?)");
        }
        guard.verify(port, PROBE_TIMEOUT);
    }

    /**
     * Tock's own HTTP server: Tock has no setting for its connection handler, so it is reached through
     * the bot verticle ({@code BotRepository.getVerticle()}, private) and its server
     * ({@code WebVerticle.getServer()}, protected), both of Tock 23.9.
     */
    static HttpServer tockServer() {
        Object verticle = invoke(hook(BotRepository.class, "getVerticle", WebVerticle.class), BotRepository.INSTANCE);
        return (HttpServer) invoke(hook(WebVerticle.class, "getServer", HttpServer.class), verticle);
    }

    /** A method Tock does not expose, with the return type this bot relies on. */
    static Method hook(Class<?> owner, String name, Class<?> returning) {
        try {
            Method method = owner.getDeclaredMethod(name);
            if (!returning.isAssignableFrom(method.getReturnType())) {
                throw new MissingHook(owner.getSimpleName() + "." + name + "() returns " + method.getReturnType().getSimpleName()
                        + ", not " + returning.getSimpleName());
            }
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException | RuntimeException e) {
            throw e instanceof MissingHook missing ? missing
                    : new MissingHook("no " + owner.getSimpleName() + "." + name + "() to reach Tock's HTTP server (" + e + ")");
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new MissingHook(method.getDeclaringClass().getSimpleName() + "." + method.getName() + "() failed (" + e + ")");
        }
    }

    /**
     * Tock's web connector copies the headers named in {@code tock_web_connector_extra_headers} into each
     * turn's metadata, which the turn log and the metrics read (see {@link TockProperties}).
     */
    static void requireTurnMetadata() {
        try {
            if (!WebConnectorKt.getWebConnectorUseExtraHeadersAsMetadata()
                    || !WebConnectorKt.getWebConnectorExtraHeaders().containsAll(TurnMetadata.HEADERS)) {
                throw new MissingHook("Tock's web connector does not pass " + TurnMetadata.HEADERS
                        + " to the turn (tock_web_connector_extra_headers was read before it was set)");
            }
        } catch (LinkageError e) {
            throw new MissingHook("Tock's web connector has no extra headers as turn metadata (" + e + ")");
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
