package ai.tock.community;

import ai.tock.bot.connector.web.WebConnectorKt;
import ai.tock.community.bot.CommunityBot;
import ai.tock.community.bot.ContentWatcher;
import ai.tock.community.bot.Knowledge;
import ai.tock.community.bot.KnowledgeBase;
import ai.tock.community.bot.LocalNlpClient;
import ai.tock.community.channel.gitter.GitterConnector;
import ai.tock.community.channel.gitter.GitterConnectorProvider;
import ai.tock.community.channel.web.WebChannel;
import ai.tock.community.content.Content;
import ai.tock.community.engine.ConnectionGuard;
import ai.tock.community.engine.InMemoryTimelines;
import ai.tock.community.engine.InMemoryUserLock;
import ai.tock.community.engine.TockEngine;
import ai.tock.community.engine.TockProperties;
import ai.tock.community.operations.AdminRoutes;
import ai.tock.community.operations.BotMetrics;
import ai.tock.community.operations.OperationsRoutes;
import ai.tock.community.operations.OperatorLogFiles;
import ai.tock.community.operations.TurnListener;
import ai.tock.nlp.api.client.NlpClient;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part from the settings and starts them. The core (content, nlu,
 * bot) is trained; the channels (web, Gitter) get the bot's port and their own settings; operations
 * get the metrics and the operator log; Tock's engine runs it all. Tock keeps its engine in
 * process-wide singletons, so there is one runtime per JVM.
 */
public final class BotRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotRuntime.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration IDLE_USER = Duration.ofMinutes(30);
    // "et ses membres ?" is read after the user's last question for this long after their last message.
    private static final Duration FOLLOW_UP_WINDOW = Duration.ofMinutes(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);

    private final BotSettings settings;
    private final KnowledgeBase knowledge;
    private final WebChannel web;
    private final Optional<GitterConnectorProvider> gitter;
    private final ContentWatcher watcher;
    private final WarmUp warmUp;

    private BotRuntime(BotSettings settings, KnowledgeBase knowledge, WebChannel web, Optional<GitterConnectorProvider> gitter,
                       ContentWatcher watcher, WarmUp warmUp) {
        this.settings = settings;
        this.knowledge = knowledge;
        this.web = web;
        this.gitter = gitter;
        this.watcher = watcher;
        this.warmUp = warmUp;
    }

    /**
     * Starts the bot and returns once it answers on its port; it warms up in the background, and says
     * ready ({@code /readyz}, {@link #ready()}) once warmed up.
     *
     * @throws TockEngine.NotListening    when the web server could not start (the port is taken)
     * @throws TockEngine.MissingHook     when this Tock lacks what the bot hooks into (another version)
     * @throws IllegalStateException      when the models could not be trained
     */
    public static BotRuntime start(BotSettings settings, Content content) {
        return start(settings, content, UnaryOperator.identity());
    }

    /**
     * The same, with the NLP that Tock calls wrapped: the benchmarks measure Tock's engine and web
     * connector alone with a classifier that answers from a map.
     */
    public static BotRuntime start(BotSettings settings, Content content, UnaryOperator<NlpClient> wrapNlp) {
        long startNanos = System.nanoTime();
        TockEngine.requireFree(settings.port());
        TockProperties.setDefaults();
        Clock clock = Clock.systemUTC();
        // Training and Tock's start-up do not depend on each other: they run side by side.
        KnowledgeBase knowledge = KnowledgeBase.trainInBackground(settings.storiesDir(), content);

        // The bot's own questions through its own HTTP path before it says ready (see WarmUp).
        WarmUp warmUp = new WarmUp(settings.warmUp(), settings.connections().maxPerAddress() / 2, settings.maxUsers(), content);

        // Operations: metrics and the operator log.
        BotMetrics metrics = new BotMetrics();
        OperatorLogFiles operatorLog = new OperatorLogFiles(settings.operations().dataDir(), clock);

        // The core: the bot's behaviour, and the classifier behind Tock's NLP.
        CommunityBot bot = new CommunityBot(() -> knowledge.current().content(), operatorLog);
        knowledge.beforeServing(bot::addStoriesFor);
        LocalNlpClient nlp = new LocalNlpClient(() -> knowledge.current().classifier(), operatorLog,
                userId -> userId.startsWith(warmUp.userPrefix()),
                new LocalNlpClient.FollowUps(settings.maxUsers(), FOLLOW_UP_WINDOW), Ticker.systemTicker());

        // The channels: each gets the bot's port and its own settings.
        WebChannel web = new WebChannel(knowledge, settings.web(), warmUp.token());
        // Ready: trained, warmed up, and not stopping (a load balancer then sends new visitors elsewhere).
        OperationsRoutes operations = new OperationsRoutes(() -> knowledge.ready() && warmUp.done() && !web.draining(),
                metrics, new AdminRoutes(operatorLog, settings.operations().adminToken()));
        List<TockEngine.Connector> connectors = new ArrayList<>();
        connectors.add(new TockEngine.Connector("web", WebConnectorKt.getWebConnectorType(), WebChannel.CONNECTOR_PATH,
                Optional.empty()));
        Optional<GitterConnectorProvider> gitter = settings.gitter().map(gitterSettings -> {
            LOG.info("Gitter channel on: {}", gitterSettings);
            return new GitterConnectorProvider(gitterSettings, knowledge, operatorLog);
        });
        gitter.ifPresent(provider -> {
            connectors.add(new TockEngine.Connector("gitter", GitterConnector.GITTER, "/gitter", Optional.of(provider)));
            GitterConnector.Stats stats = provider.stats();
            metrics.watchGitter(stats::lastSync, stats::failedCalls, clock);
        });

        // The HTTP server's bounds on connections, set on Tock's own server.
        ConnectionGuard guard = new ConnectionGuard(settings.connections());
        metrics.watchConnections(guard::openConnections, guard::refusedPerAddress, guard::refusedTotal, guard::requestTimeouts,
                guard::idleClosed);

        // Tock releases a user's lock once a turn is answered and saved: the web channel then lets that user's next turn in.
        new TockEngine(bot.definition(), wrapNlp.apply(nlp), new InMemoryTimelines(settings.maxUsers(), IDLE_USER, clock),
                new InMemoryUserLock(clock, web::userLocked, web::userReleased), bot::listenToStoryChanges, connectors,
                List.of(new TurnListener(metrics, settings.operations().logText(), clock)),
                List.of(web::install, router -> operations.install(router, WebChannel.CONNECTOR_PATH)), guard)
                .start(settings.port(), START_TIMEOUT);
        LOG.info("Tock engine listening in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
        knowledge.awaitTrained();
        metrics.watchContentVersion(() -> knowledge.current().version());
        warmUp.start(settings.port());
        return new BotRuntime(settings, knowledge, web, gitter, watch(settings, knowledge), warmUp);
    }

    /**
     * Completes once the bot answers at full speed: trained (before {@link #start} returns), then warmed
     * up; fails if the bot stops first.
     */
    public CompletableFuture<Void> ready() {
        return warmUp.finished();
    }

    public Knowledge knowledge() {
        return knowledge.current();
    }

    public int port() {
        return settings.port();
    }

    private static ContentWatcher watch(BotSettings settings, KnowledgeBase knowledge) {
        try {
            return new ContentWatcher(settings.storiesDir(), knowledge);
        } catch (IOException e) {
            LOG.warn("cannot watch {} ({}): content changes need a restart", settings.storiesDir(), e.toString());
            return null;
        }
    }

    /** Stops taking turns, lets those in flight finish, saves the Gitter position, then stops the server. */
    @Override
    public void close() {
        warmUp.close();
        if (watcher != null) {
            watcher.close();
        }
        if (!web.drain(DRAIN_TIMEOUT)) {
            LOG.warn("stopping with turns still in flight after {} s", DRAIN_TIMEOUT.toSeconds());
        }
        gitter.ifPresent(GitterConnectorProvider::stop); // saves the sync position
        // Nothing is left to lose once the turns are answered: Vert.x closes in the background.
        TockEngine.stop();
    }
}
