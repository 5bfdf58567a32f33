package ai.tock.community;

import ai.tock.community.bot.CommunityBot;
import ai.tock.community.bot.ContentWatcher;
import ai.tock.community.bot.Knowledge;
import ai.tock.community.bot.KnowledgeBase;
import ai.tock.community.bot.LocalNlpClient;
import ai.tock.community.engine.EngineModule;
import ai.tock.community.engine.InMemoryConfigurations;
import ai.tock.community.engine.InMemoryTimelines;
import ai.tock.community.engine.InMemoryUserLock;
import ai.tock.community.engine.TockProperties;
import ai.tock.community.operations.BotMetrics;
import ai.tock.community.operations.FeedbackLog;
import ai.tock.community.operations.TurnListener;
import ai.tock.community.operations.UnansweredLog;
import ai.tock.bot.BotInstallerKt;
import ai.tock.bot.admin.bot.BotApplicationConfiguration;
import ai.tock.bot.connector.ConnectorType;
import ai.tock.bot.connector.web.WebConnectorKt;
import ai.tock.bot.engine.BotRepository;
import ai.tock.bot.engine.ConnectorController;
import ai.tock.community.channel.gitter.GitterConnector;
import ai.tock.community.channel.gitter.GitterSettings;
import ai.tock.community.channel.web.WebChannel;
import ai.tock.community.channel.web.WebSettings;
import ai.tock.community.content.Content;
import ai.tock.community.nlu.LanguageOf;
import ai.tock.shared.vertx.VertXsKt;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.litote.kmongo.id.ObjectIdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the bot: trains the classifier on the content, wires Tock's engine in-process, opens the
 * web channel (and Gitter when configured) and watches the content for changes. Tock keeps its
 * engine in process-wide singletons, so there is one runtime per JVM.
 */
public final class BotRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotRuntime.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration IDLE_USER = Duration.ofMinutes(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);

    private final BotSettings settings;
    private final KnowledgeBase knowledge;
    private final WebChannel web;
    private final ContentWatcher watcher;

    private BotRuntime(BotSettings settings, KnowledgeBase knowledge, WebChannel web, ContentWatcher watcher) {
        this.settings = settings;
        this.knowledge = knowledge;
        this.web = web;
        this.watcher = watcher;
    }

    /** Starts the bot and returns once it answers on its port. */
    public static BotRuntime start(BotSettings settings, Content content) {
        if (settings.port() != 0 && accepts(settings.port())) {
            throw new IllegalStateException("PORT=" + settings.port() + " is already in use");
        }
        TockProperties.setDefaults();
        TockProperties.setPort(settings.port());
        Clock clock = Clock.systemUTC();
        // Training and Tock's start-up do not depend on each other: they run side by side.
        long startNanos = System.nanoTime();
        CompletableFuture<Knowledge> training = CompletableFuture.supplyAsync(() -> {
            Knowledge first = Knowledge.train(content, 1);
            LOG.info("models trained in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
            return first;
        }, BotRuntime::trainingThread);
        FeedbackLog feedback = new FeedbackLog(settings.dataDir(), clock);
        UnansweredLog unanswered = new UnansweredLog(settings.dataDir(), clock);
        BotMetrics metrics = new BotMetrics();

        KnowledgeBase knowledge = new KnowledgeBase(settings.storiesDir(), training);
        CommunityBot bot = new CommunityBot(() -> knowledge.current().content(), feedback);
        knowledge.beforeServing(bot::addStoriesFor);

        WebChannel web = new WebChannel(new RuntimeOperations(knowledge, metrics, unanswered, feedback),
                WebSettings.of(settings.allowedOrigins(), settings.userRatePerMinute(), settings.addressRatePerMinute(),
                        settings.adminToken()));
        install(settings, bot, knowledge, unanswered, web, metrics, clock);
        LOG.info("Tock engine listening in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
        try {
            training.join();
        } catch (java.util.concurrent.CompletionException e) { // Main turns this into one line and exit 2
            throw new IllegalStateException("the models could not be trained: " + e.getCause(), e);
        }
        metrics.watchContentVersion(() -> knowledge.current().version());
        metrics.watchGitter(() -> gitterConnector().map(GitterConnector::stats).orElse(null), clock);
        return new BotRuntime(settings, knowledge, web, watch(settings, knowledge));
    }

    public Knowledge knowledge() {
        return knowledge.current();
    }

    public int port() {
        return settings.port();
    }

    private static void install(BotSettings settings, CommunityBot bot, KnowledgeBase knowledge, UnansweredLog unanswered,
                                WebChannel web, BotMetrics metrics, Clock clock) {
        var nlp = new LocalNlpClient(() -> knowledge.current().classifier(), unanswered);
        var timelines = new InMemoryTimelines(settings.maxUsers(), IDLE_USER, clock);
        List<BotApplicationConfiguration> connectors = new ArrayList<>();
        connectors.add(configuration("web", WebConnectorKt.getWebConnectorType(), WebChannel.CONNECTOR_PATH));
        Map<Class<?>, Object> channelSettings = new HashMap<>();
        settings.gitter().ifPresent(gitter -> {
            // Tock creates the connector through GitterConnectorProvider, which reads these settings from Kodein.
            channelSettings.put(GitterSettings.class, gitter);
            channelSettings.put(LanguageOf.class, (LanguageOf) text -> knowledge.current().languages().detect(text));
            connectors.add(configuration("gitter", GitterConnector.GITTER, "/gitter"));
            LOG.info("Gitter channel on: {}", gitter);
        });
        var module = EngineModule.create(new InMemoryConfigurations(connectors), timelines, new InMemoryUserLock(clock), nlp,
                bot::listenToStoryChanges, channelSettings);
        BotRepository.INSTANCE.registerStoryHandlerListener(new TurnListener(metrics, settings.logText(), clock));
        Function1<Router, Unit> webRoutes = router -> {
            web.install(router);
            return Unit.INSTANCE;
        };
        BotInstallerKt.registerAndInstallBot(bot.definition(), List.of(module), webRoutes);
        awaitListening(settings.port());
    }

    private static ContentWatcher watch(BotSettings settings, KnowledgeBase knowledge) {
        try {
            return new ContentWatcher(settings.storiesDir(), knowledge);
        } catch (IOException e) {
            LOG.warn("cannot watch {} ({}): content changes need a restart", settings.storiesDir(), e.toString());
            return null;
        }
    }

    private static void trainingThread(Runnable training) {
        Thread thread = new Thread(training, "training");
        thread.setDaemon(true);
        thread.start();
    }

    /** Tock listens asynchronously: wait until the port accepts connections. */
    private static void awaitListening(int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the web server did not start on port " + port
                        + " within " + START_TIMEOUT.toSeconds() + " s (is the port already in use?)");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting", e);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static BotApplicationConfiguration configuration(String applicationId, ConnectorType type, String path) {
        return new BotApplicationConfiguration(applicationId, CommunityBot.BOT_ID, CommunityBot.NAMESPACE, CommunityBot.BOT_ID,
                type, null, applicationId, null, Map.of(), path, ObjectIdGenerator.INSTANCE.newObjectId(), null);
    }

    private static Optional<GitterConnector> gitterConnector() {
        ConnectorController controller = BotRepository.INSTANCE.getController(
                conf -> GitterConnector.GITTER.equals(conf.getConnectorType()));
        return controller != null && controller.getConnector() instanceof GitterConnector gitter
                ? Optional.of(gitter) : Optional.empty();
    }

    /** Stops taking turns, lets those in flight finish, saves the Gitter position, then stops the server. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (!web.drain(DRAIN_TIMEOUT)) {
            LOG.warn("stopping with turns still in flight after {} s", DRAIN_TIMEOUT.toSeconds());
        }
        gitterConnector().ifPresent(GitterConnector::stop); // saves the sync position
        // Nothing is left to lose once the turns are answered: Vert.x closes in the background.
        VertXsKt.getVertx().close();
    }
}
