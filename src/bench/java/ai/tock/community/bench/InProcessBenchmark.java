package ai.tock.community.bench;

import ai.tock.bot.connector.ConnectorData;
import ai.tock.bot.engine.BotRepository;
import ai.tock.bot.engine.ConnectorController;
import ai.tock.bot.engine.action.Action;
import ai.tock.bot.engine.action.ActionMetadata;
import ai.tock.bot.engine.action.SendSentence;
import ai.tock.bot.engine.dialog.EventState;
import ai.tock.bot.engine.user.PlayerId;
import ai.tock.bot.engine.user.PlayerType;
import ai.tock.community.TestContent;
import ai.tock.community.BotRuntime;
import ai.tock.community.BotSettings;
import ai.tock.community.nlu.Classification;
import ai.tock.community.nlu.IntentClassifier;
import ai.tock.shared.vertx.VertXsKt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.litote.kmongo.id.ObjectIdGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process figures: the classifier alone, and a full turn (Tock's controller: user lock, timeline,
 * NLP through LocalNlpClient, the story, the answer) without HTTP and JSON. Questions are the
 * stories' own, shuffled; users rotate over 10,000 ids. One BotRuntime per fork (Tock is a singleton).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
// As in surefire: without these, Tock installs its own DEBUG logging before BotRuntime sets them.
// Heap and GC: BenchMain appends bench.serverJvm, the options of the HTTP phases.
@Fork(value = 1, jvmArgs = {"-Dtock_env=prod", "-Dtock_logback_enabled=false", "-Djmh.shutdownTimeout=2"})
public class InProcessBenchmark {

    static final int USERS = 10_000;

    private BotRuntime runtime;
    private IntentClassifier classifier;
    private ConnectorController web;
    private List<String> texts;
    private int next;
    private int user;

    @Setup(Level.Trial)
    public void start() throws IOException {
        int port = TestContent.freePort();
        Path data = Files.createTempDirectory("bench-data");
        BotSettings settings = BotSettings.fromEnvironment(Map.of(
                "PORT", Integer.toString(port), "BOT_DATA_DIR", data.toString(),
                "BOT_RATE_PER_USER", "1000000", "BOT_RATE_PER_ADDRESS", "10000000", "BOT_WARMUP_SECONDS", "0"));
        runtime = BotRuntime.start(settings, TestContent.load());
        classifier = runtime.knowledge().classifier();
        web = BotRepository.INSTANCE.getController(conf -> conf.getApplicationId().equals("web"));
        if (web == null) {
            throw new IllegalStateException("no web controller");
        }
        texts = new ArrayList<>();
        Questions.load(Path.of("stories")).forEach(q -> texts.add(q.text()));
        // Fails the trial early if the turn does not answer.
        if (fullTurn().isEmpty()) {
            throw new IllegalStateException("a turn gave no answer");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        runtime.close();
        // The runtime lets Vert.x close in the background; the fork must not end with its threads alive.
        VertXsKt.getVertx().close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private String nextText() {
        String text = texts.get(next);
        next = next + 1 == texts.size() ? 0 : next + 1;
        return text;
    }

    @Benchmark
    public Classification classify() {
        return classifier.classify(nextText());
    }

    @Benchmark
    public List<Action> fullTurn() {
        user = user + 1 == USERS ? 0 : user + 1;
        SendSentence sentence = new SendSentence(new PlayerId("jmh-user-" + user, PlayerType.user, null), "web",
                new PlayerId("web", PlayerType.bot, null), nextText(), new ArrayList<>(),
                ObjectIdGenerator.INSTANCE.newObjectId(), Instant.now(), new EventState(), new ActionMetadata(), null, null);
        TurnCallback callback = new TurnCallback("web");
        web.handle(sentence, new ConnectorData(callback, null, true, null, null, Map.of()));
        try {
            return callback.answered.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("turn failed: " + sentence, e);
        }
    }
}
