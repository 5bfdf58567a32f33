package ai.tock.community.engine;

import ai.tock.bot.BotInstallerKt;
import ai.tock.bot.admin.bot.BotApplicationConfiguration;
import ai.tock.bot.connector.web.WebConnectorKt;
import ai.tock.bot.connector.ConnectorType;
import ai.tock.bot.engine.BotRepository;
import ai.tock.bot.engine.ConnectorController;
import ai.tock.community.channel.gitter.GitterConnector;
import ai.tock.community.channel.gitter.GitterSettings;
import ai.tock.community.channel.web.WebChannel;
import ai.tock.community.channel.web.WebLimits;
import ai.tock.community.content.Content;
import ai.tock.community.content.Language;
import ai.tock.community.content.Story;
import ai.tock.community.nlu.IntentClassifier;
import ai.tock.community.nlu.LanguageDetector;
import ai.tock.community.nlu.Thresholds;
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
import java.util.concurrent.atomic.AtomicBoolean;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.litote.kmongo.id.ObjectIdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the bot: trains the classifier on the content, wires Tock's engine in-process and opens
 * the web channel. Tock keeps its engine in process-wide singletons, so there is one runtime per JVM.
 */
public final class BotRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotRuntime.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration IDLE_CONVERSATION = Duration.ofMinutes(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);

    private final BotSettings settings;
    private final CompletableFuture<IntentClassifier> classifier;
    private final LanguageDetector languages;
    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile WebChannel web;

    private BotRuntime(BotSettings settings, CompletableFuture<IntentClassifier> classifier, LanguageDetector languages) {
        this.settings = settings;
        this.classifier = classifier;
        this.languages = languages;
    }

    /** Starts the bot and returns once it answers on its port. */
    public static BotRuntime start(BotSettings settings, Content content) {
        if (settings.port() != 0 && accepts(settings.port())) {
            throw new IllegalStateException("PORT=" + settings.port() + " is already in use");
        }
        TockProperties.setDefaults();
        TockProperties.setPort(settings.port());
        // Training and Tock's start-up do not depend on each other: they run side by side.
        CompletableFuture<IntentClassifier> training = CompletableFuture.supplyAsync(
                () -> new IntentClassifier(content, Thresholds.defaults()), BotRuntime::trainingThread);
        BotRuntime runtime = new BotRuntime(settings, training, languageDetector(content));
        runtime.install(content);
        training.join();
        runtime.ready.set(true);
        return runtime;
    }

    private static void trainingThread(Runnable training) {
        Thread thread = new Thread(training, "training");
        thread.setDaemon(true);
        thread.start();
    }

    public IntentClassifier classifier() {
        return classifier.join();
    }

    public LanguageDetector languages() {
        return languages;
    }

    public int port() {
        return settings.port();
    }

    private void install(Content content) {
        Clock clock = Clock.systemUTC();
        var nlp = new LocalNlpClient(classifier, new UnansweredLog(settings.dataDir(), clock));
        var timelines = new InMemoryTimelines(settings.maxUsers(), IDLE_CONVERSATION, clock);
        List<BotApplicationConfiguration> connectors = new ArrayList<>();
        connectors.add(configuration("web", WebConnectorKt.getWebConnectorType(), WebChannel.CONNECTOR_PATH));
        Map<Class<?>, Object> channelSettings = new HashMap<>();
        settings.gitter().ifPresent(gitter -> {
            // Tock creates the connector through GitterConnectorProvider, which reads these settings from Kodein.
            channelSettings.put(GitterSettings.class, gitter);
            connectors.add(configuration("gitter", GitterConnector.GITTER, "/gitter"));
            LOG.info("Gitter channel on: {}", gitter);
        });
        var module = EngineModule.create(new InMemoryConfigurations(connectors), timelines, new InMemoryUserLock(clock), nlp, channelSettings);

        web = new WebChannel(languages, ready::get,
                WebLimits.of(settings.allowedOrigins(), settings.userRatePerMinute(), settings.addressRatePerMinute()));
        Function1<Router, Unit> webRoutes = router -> {
            web.install(router);
            return Unit.INSTANCE;
        };
        BotInstallerKt.registerAndInstallBot(new CommunityBot(content).definition(), List.of(module), webRoutes);
        awaitReady();
    }

    /** Tock listens asynchronously: wait until the port accepts connections. */
    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts(settings.port())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the web server did not start on port " + settings.port()
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

    /** Learns French and English from the stories' own questions, on top of common words. */
    private static LanguageDetector languageDetector(Content content) {
        List<String> fr = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Story story : content.stories()) {
            fr.addAll(story.questionsIn(Language.FR));
            en.addAll(story.questionsIn(Language.EN));
        }
        return new LanguageDetector(fr, en);
    }

    /** Stops taking turns, lets those in flight finish, then stops the server. */
    @Override
    public void close() {
        WebChannel channel = web;
        if (channel != null && !channel.drain(DRAIN_TIMEOUT)) {
            LOG.warn("stopping with turns still in flight after {} s", DRAIN_TIMEOUT.toSeconds());
        }
        gitterConnector().ifPresent(GitterConnector::stop); // saves the sync position
        // Nothing is left to lose once the turns are answered: Vert.x closes in the background.
        VertXsKt.getVertx().close();
    }
}
