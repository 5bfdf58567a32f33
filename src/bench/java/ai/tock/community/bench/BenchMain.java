package ai.tock.community.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * The benchmark run of issues 6, 16 and 17, phase after phase (never two at once): JMH in-process
 * figures, cold starts of the jar, the first 30 s after {@code /readyz} (closed and open loops on a
 * fresh bot), HTTP load on the bot (with the same user's three questions at once), a long soak for
 * memory, slow clients holding connections, the same build with a free classifier, then the same
 * HTTP load on the floor (a bare Vert.x handler). The CPU each server used per answered message is
 * taken from /proc. Prints every figure and a table against the targets, and writes it to
 * target/bench/report.txt. Only 127.0.0.1 is ever spoken to (from 127.0.0.2 for "another client").
 */
public final class BenchMain {

    private static final int USERS = 10_000;
    private static final int[] CONCURRENCY = {16, 32, 64, 256};
    // The closed loop of issue 16's first seconds, and its steady figure among the saturation runs.
    private static final int RAMP_IN_FLIGHT = 32;
    private static final double RAMP_SECONDS = Double.parseDouble(System.getProperty("bench.rampSeconds", "30"));
    private static final int SAME_USER_TRIALS = 300;
    private static final int SLOW_UNFINISHED = 1500;
    private static final int SLOW_IDLE = 1500;
    private static final StringBuilder REPORT = new StringBuilder();

    private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));
    private static final Path TARGET = Path.of(System.getProperty("bench.target", "target"));
    // The shaded jar, copied under a neutral name: a `pkill -f <artifact name>` elsewhere must not end a run.
    private static final Path JAR = OUT.resolve("bot-under-test.jar");
    // The JVM options of the README's start command, for the bot and the floor alike; the class archive is the
    // copied jar's own (an archive maps the jar it was made from), and only the bot's runs map it.
    private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";
    private static final Path ARCHIVE = OUT.resolve("bot-under-test.jsa");
    private static final List<String> START_JVM = List.of(System.getProperty("bench.serverJvm", "-Xmx256m").trim().split("\\s+"));
    private static final List<String> SERVER_JVM = START_JVM.stream()
            .map(option -> option.startsWith(ARCHIVE_OPTION) ? ARCHIVE_OPTION + ARCHIVE : option).toList();
    private static final List<String> SERVER_JVM_WITHOUT_ARCHIVE = START_JVM.stream()
            .filter(option -> !option.startsWith(ARCHIVE_OPTION)).toList();
    private static final double RATE_SECONDS = Double.parseDouble(System.getProperty("bench.rateSeconds", "30"));
    // Each closed loop of the saturation runs: 12 s, or less in a short run.
    private static final double MAX_SECONDS = Math.min(12, RATE_SECONDS);
    private static final long SOAK_MESSAGES = Long.parseLong(System.getProperty("bench.soakMessages", "1000000"));
    private static final int SOAK_USERS = Integer.parseInt(System.getProperty("bench.soakUsers", "100000"));
    private static final double SOAK_SECONDS = Double.parseDouble(System.getProperty("bench.soakSeconds", "600"));
    private static final boolean JFR = Boolean.parseBoolean(System.getProperty("bench.jfr", "false"));
    // More settings for every bot started (-Dbench.botEnv=BOT_WARMUP_SECONDS=0,...), to compare builds or settings.
    private static final Map<String, String> BOT_ENV = Arrays.stream(System.getProperty("bench.botEnv", "").split(","))
            .map(String::trim).filter(s -> s.contains("="))
            .collect(Collectors.toMap(s -> s.substring(0, s.indexOf('=')), s -> s.substring(s.indexOf('=') + 1)));
    private static final Set<String> ONLY = Arrays.stream(System.getProperty("bench.only", "").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());

    /** Every figure of the run; NaN or -1 where a phase did not run. */
    private static final class Figures {
        double classifyP50 = Double.NaN, classifyP99 = Double.NaN, classifyP999 = Double.NaN;
        double turnP50 = Double.NaN, turnP99 = Double.NaN, turnP999 = Double.NaN;
        List<Double> coldStarts = new ArrayList<>();
        long coldRssKb = -1;
        LoadGenerator.Result bot200, bot1000, botMax, floor200, floor1000, floorMax;
        // Whether the bot's closed loops ran: botMax stays null too when every run had errors.
        boolean botMaxRan;
        long botRssWarmKb = -1, floorRssWarmKb = -1;
        // The bot's highest RSS seen: after warm-up, after each load run, every 30 s of the soak, after it.
        long botRssPeakKb = -1;
        long soakRssBeforeKb = -1, soakRssAfterKb = -1, soakLiveBeforeKb = -1, soakLiveAfterKb = -1;
        LoadGenerator.Result soak;
        // CPU seconds of the server per answered message (µs), by server and load: what a message costs.
        Map<String, Double> cpuPerMessageUs = new java.util.TreeMap<>();
        LoadGenerator.Result free1000, freeMax;
        // The first 30 s after /readyz on a fresh bot: closed loop of 32 by 5 s, open loop at 1,000 msg/s by 1 s.
        double rampClosedReadySeconds = Double.NaN, rampOpenReadySeconds = Double.NaN;
        LoadGenerator.Result rampClosed, rampOpen, botSteady32;
        LoadGenerator.SameUser sameUser;
        // Slow clients: another client's open loop before and while one address holds connections.
        LoadGenerator.Result slowBefore, slowDuringCapped, slowDuringHeld;
        int[] slowHeldCapped, slowHeldAll, slowHeldAfterTimeout;
        long slowRssBeforeKb = -1, slowRssHeldKb = -1;
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Files.createDirectories(OUT);
        List<Questions.Question> questions = Questions.load(Path.of("stories"));
        say("== tock-community-bot benchmarks, %s ==", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19));
        say("machine: %d CPUs (%s), %s MiB RAM, Java %s; %s", Runtime.getRuntime().availableProcessors(), cpuModel(),
                memTotalMib(), System.getProperty("java.version"), load());
        say("source: %s", source());
        copyJar();
        say("questions: %d sampled from stories/*.json (fr and en), users round-robin", questions.size());
        Figures f = new Figures();
        if (runs("cold")) {
            coldStarts(f);
        }
        if (runs("jmh")) {
            inProcess(f);
        }
        if (runs("ramp")) {
            ramp(f, questions);
        }
        if (runs("bot")) {
            bot(f, questions);
        }
        if (runs("slow")) {
            slowClients(f, questions);
        }
        if (runs("free")) {
            free(f, questions);
        }
        if (runs("floor")) {
            floor(f, questions);
        }
        summary(f);
        Files.writeString(OUT.resolve("report.txt"), REPORT.toString(), StandardCharsets.UTF_8);
        System.out.println("(written to " + OUT.resolve("report.txt") + ")");
        System.exit(0);
    }

    /** The runnable jar that `mvn package` made (the shaded one; the pom names it in bench.jar). */
    private static void copyJar() throws IOException {
        Path built = Path.of(System.getProperty("bench.jar", TARGET.resolve("tock-community-bot.jar").toString()));
        if (!Files.exists(built)) {
            throw new IllegalStateException("no jar at " + built + ": run mvn package first");
        }
        Files.copy(built, JAR, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        say("jar under test: %s (%d bytes), copied to %s", built, Files.size(built), JAR);
        if (!SERVER_JVM.equals(SERVER_JVM_WITHOUT_ARCHIVE)) {
            archiveClasses();
        }
    }

    /** The copied jar's class archive, made as the build makes the built jar's (its `archive-classes` command). */
    private static void archiveClasses() throws IOException {
        Files.deleteIfExists(ARCHIVE);
        List<String> command = new ArrayList<>(List.of(java(), "-XX:ArchiveClassesAtExit=" + ARCHIVE));
        command.addAll(SERVER_JVM_WITHOUT_ARCHIVE);
        command.addAll(List.of("-jar", JAR.toString(), "archive-classes"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(OUT.resolve("archive-classes.log").toFile()).start();
        try {
            if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(ARCHIVE)) {
                process.destroyForcibly();
                throw new IllegalStateException("no class archive for " + JAR + ": see " + OUT.resolve("archive-classes.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while archiving classes", e);
        }
        say("class archive of the jar under test: %s (%d bytes)", ARCHIVE, Files.size(ARCHIVE));
    }

    private static boolean runs(String phase) {
        return ONLY.isEmpty() || ONLY.contains(phase);
    }

    // ---------------------------------------------------------------- in-process (JMH)

    private static void inProcess(Figures f) throws Exception {
        say("%n-- in-process (JMH, SampleTime, 1 fork `%s`, 5x2 s warm-up, 5x2 s measurement; log in %s) %s",
                String.join(" ", SERVER_JVM_WITHOUT_ARCHIVE), OUT.resolve("jmh.log"), load());
        quiet(null);
        CpuMeter cpu = new CpuMeter(null);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(InProcessBenchmark.class.getName() + "\\.")
                // The fork gets the server's heap and GC, as the HTTP phases: the figures compare.
                .jvmArgsAppend(SERVER_JVM_WITHOUT_ARCHIVE.toArray(String[]::new))
                .shouldFailOnError(true)
                .output(OUT.resolve("jmh.log").toString())
                .build()).run();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            Statistics s = result.getPrimaryResult().getStatistics();
            say("%-10s n=%9d  p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  mean %8.1f us", benchmark.substring(benchmark.lastIndexOf('.') + 1),
                    s.getN(), s.getPercentile(50), s.getPercentile(99), s.getPercentile(99.9), s.getMean());
            if (benchmark.endsWith(".classify")) {
                f.classifyP50 = s.getPercentile(50);
                f.classifyP99 = s.getPercentile(99);
                f.classifyP999 = s.getPercentile(99.9);
            } else if (benchmark.endsWith(".fullTurn")) {
                f.turnP50 = s.getPercentile(50);
                f.turnP99 = s.getPercentile(99);
                f.turnP999 = s.getPercentile(99.9);
            }
        }
        say("%s %s", cpu.report(null), load());
    }

    // ---------------------------------------------------------------- cold start

    private static void coldStarts(Figures f) throws Exception {
        say("%n-- cold start: spawn `java %s -jar %s`, time until the first POST /web is answered %s", String.join(" ", SERVER_JVM), JAR, load());
        ServerProcess.post(1, "{}"); // loads the polling code before the clock starts
        for (int run = 1; run <= 3; run++) {
            quiet(null);
            int port = ServerProcess.freePort();
            long start = System.nanoTime();
            try (ServerProcess bot = startBot(port, "cold-" + run)) {
                CpuMeter cpu = new CpuMeter(bot); // the polling harness counts as "generator", not as "others"
                bot.awaitFirstAnswer(30_000);
                double seconds = (System.nanoTime() - start) / 1e9;
                f.coldStarts.add(seconds);
                long rss = bot.rssKb();
                f.coldRssKb = Math.max(f.coldRssKb, rss);
                say("run %d: first answer after %.2f s, RSS then %d MiB; %s %s", run, seconds, rss / 1024, cpu.report("bot"), load());
            }
        }
    }

    // ---------------------------------------------------------------- the bot over HTTP

    private static ServerProcess startBot(int port, String label) throws IOException {
        return startBot(port, label, Map.of(), null);
    }

    /**
     * The jar with the start command's JVM options, rate limits lifted; {@code env} adds settings, and
     * {@code mainClass} runs another main of the same build (with the benchmarks' classes after the jar).
     */
    private static ServerProcess startBot(int port, String label, Map<String, String> env, String mainClass) throws IOException {
        Path data = Files.createTempDirectory("bench-bot-data");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(SERVER_JVM);
        if (mainClass == null) {
            command.addAll(List.of("-jar", JAR.toString()));
        } else {
            command.addAll(List.of("-cp", JAR + java.io.File.pathSeparator + benchClasses(), mainClass));
        }
        // The load comes from one address: its rate and connection limits are lifted, as a crowd's would not meet them.
        Map<String, String> all = new java.util.HashMap<>(Map.of("PORT", Integer.toString(port), "BOT_DATA_DIR", data.toString(),
                "BOT_RATE_PER_USER", "1000000", "BOT_RATE_PER_ADDRESS", "10000000",
                "BOT_MAX_CONNECTIONS_PER_ADDRESS", "10000", "BOT_MAX_CONNECTIONS", "10000"));
        all.putAll(BOT_ENV);
        all.putAll(env);
        return ServerProcess.start("bot", command, all, port, OUT.resolve(label + ".log"));
    }

    /** Where this harness's own classes are (target/test-classes). */
    private static String benchClasses() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.endsWith("test-classes")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no test-classes on the class path"));
    }

    // ---------------------------------------------------------------- the first seconds after /readyz (issue 16)

    /**
     * Two fresh bots, load started the moment /readyz answers: a closed loop of 32 in flight for 30 s,
     * counted by 5 s; then an open loop at 1,000 msg/s for 30 s, counted by 1 s (by intended send time).
     */
    private static void ramp(Figures f, List<Questions.Question> questions) throws Exception {
        say("%n-- the first %.0f s after /readyz, a fresh bot each: `java %s -jar %s` %s", RAMP_SECONDS, String.join(" ", SERVER_JVM), JAR, load());
        // The generator's own code compiled first, on the floor: what is measured next is the bot's first seconds, not its.
        int floorPort = ServerProcess.freePort();
        try (ServerProcess floor = startFloor(floorPort, "ramp-floor");
             LoadGenerator load = new LoadGenerator(floorPort, questions, 256)) {
            floor.awaitFirstAnswer(30_000);
            say("  generator warm-up on the floor: %s", load.closedLoop("closed c=32 x 10 s", RAMP_IN_FLIGHT, Long.MAX_VALUE, 10,
                    "gen-", USERS).line());
            say("  generator warm-up on the floor: %s", load.fixedRate("open 1000 msg/s x 10 s", 1000, 10, "gen1000-", USERS).line());
        }
        quiet(null);
        int port = ServerProcess.freePort();
        long start = System.nanoTime();
        try (ServerProcess bot = startBot(port, "ramp-closed");
             LoadGenerator load = new LoadGenerator(port, questions, 256)) {
            f.rampClosedReadySeconds = bot.awaitReady(start, 120_000);
            CpuMeter cpu = new CpuMeter(bot);
            f.rampClosed = load.closedLoop("closed c=" + RAMP_IN_FLIGHT + " from /readyz", RAMP_IN_FLIGHT, Long.MAX_VALUE,
                    RAMP_SECONDS, 5, "rampc-", USERS);
            say("ready %.2f s after start; %s  %s", f.rampClosedReadySeconds, f.rampClosed.line(), load());
            windows(f.rampClosed);
            say("%35s%s", "", cpu.report("bot"));
        }
        quiet(null);
        port = ServerProcess.freePort();
        start = System.nanoTime();
        try (ServerProcess bot = startBot(port, "ramp-open");
             LoadGenerator load = new LoadGenerator(port, questions, 256)) {
            f.rampOpenReadySeconds = bot.awaitReady(start, 120_000);
            CpuMeter cpu = new CpuMeter(bot);
            f.rampOpen = load.fixedRate("open 1000 msg/s from /readyz", 1000, RAMP_SECONDS, 1, "rampo-", USERS);
            say("ready %.2f s after start; %s  %s", f.rampOpenReadySeconds, f.rampOpen.line(), load());
            windows(f.rampOpen);
            say("%35s%s", "", cpu.report("bot"));
        }
    }

    private static void windows(LoadGenerator.Result result) {
        for (LoadGenerator.Window w : result.windows()) {
            say("  %5.1f-%5.1f s: %8.0f msg/s  p50 %7.2f ms  p99 %8.2f ms  max %8.2f ms%s", w.fromSeconds(), w.fromSeconds() + w.seconds(),
                    w.throughput(), w.ms(50), w.ms(99), w.latency().getTotalCount() == 0 ? Double.NaN : w.latency().getMaxValue() / 1e6,
                    w.errors() > 0 ? "  errors " + w.errors() : "");
        }
    }

    private static void bot(Figures f, List<Questions.Question> questions) throws Exception {
        int port = ServerProcess.freePort();
        say("%n-- bot over HTTP: `java %s -jar %s` on 127.0.0.1:%d (rate and connection limits lifted, BOT_MAX_USERS default) %s",
                String.join(" ", SERVER_JVM), JAR, port, load());
        try (ServerProcess bot = startBot(port, "bot");
             LoadGenerator load = new LoadGenerator(port, questions, 256)) {
            bot.awaitReady(System.nanoTime(), 120_000);
            // One recording from the warm-up on: starting JFR costs CPU that must not land in a measured run.
            startRecording(bot);
            warmUp(load);
            f.botRssWarmKb = bot.rssKb();
            f.botRssPeakKb = f.botRssWarmKb;
            say("RSS after warm-up: %d MiB", f.botRssWarmKb / 1024);
            f.bot200 = fixed(load, bot, "bot", 200, f);
            f.botRssPeakKb = Math.max(f.botRssPeakKb, bot.rssKb());
            f.bot1000 = fixed(load, bot, "bot", 1000, f);
            f.botRssPeakKb = Math.max(f.botRssPeakKb, bot.rssKb());
            f.botMax = max(load, bot, "bot", f);
            f.botRssPeakKb = Math.max(f.botRssPeakKb, bot.rssKb());
            f.botMaxRan = true;
            stopRecording(bot, "bot");
            quiet(bot);
            f.sameUser = load.sameUser(SAME_USER_TRIALS, "same-");
            say("%s  %s", f.sameUser.line(), load());
            String answer = ServerProcess.post(port, "{\"query\":\"quelle est la licence de tock ?\",\"userId\":\"floor-sample\",\"locale\":\"fr\"}");
            if (answer != null) {
                Files.writeString(OUT.resolve("floor-answer.json"), answer);
            } else {
                // A stale or tiny answer would make the floor's work unlike the bot's: floor() writes a realistic one.
                Files.deleteIfExists(OUT.resolve("floor-answer.json"));
                say("the sample answer for the floor failed: the floor will serve its own licence answer");
            }
            if (runs("soak")) {
                soak(f, bot, load);
            }
        }
    }

    /** Before a measured phase: waits up to 60 s for other processes to leave the CPUs, and says if they did not. */
    private static void quiet(ServerProcess server) throws InterruptedException {
        double others = CpuMeter.awaitQuiet(server, 60);
        if (others >= 0.25) {
            say("  (the machine is busy: other processes use %.2f cores; the next figures are taken anyway)", others);
        }
    }

    /** JIT and pools first in a closed loop (no backlog on a cold server), then at a steady rate. */
    private static void warmUp(LoadGenerator load) {
        say("  %s", load.closedLoop("warm-up closed c=16 x 10 s", 16, Long.MAX_VALUE, 10, "warmc-", USERS).line());
        say("  %s", load.fixedRate("warm-up open 500 msg/s x 10 s", 500, 10, "warm-", USERS).line());
    }

    /**
     * With -Dbench.jfr=true: a JFR recording (profile settings) of the bot through jcmd, from the
     * warm-up to the end of the saturation runs, and its hot spots (mostly those of saturation).
     * The recording adds some overhead: take the figures from a run without it.
     */
    private static void startRecording(ServerProcess server) {
        if (JFR) {
            server.jcmd("JFR.start", "name=bench", "settings=profile");
        }
    }

    private static void stopRecording(ServerProcess server, String name) throws IOException {
        if (!JFR) {
            return;
        }
        Path recording = OUT.resolve(name + ".jfr").toAbsolutePath();
        server.jcmd("JFR.dump", "name=bench", "filename=" + recording);
        server.jcmd("JFR.stop", "name=bench");
        Path summary = OUT.resolve(name + "-jfr.txt");
        Files.writeString(summary, JfrSummary.summarize(recording, 25));
        say("JFR recording %s, hot spots in %s", recording, summary);
    }

    private static LoadGenerator.Result fixed(LoadGenerator load, ServerProcess server, String who, int rate, Figures f)
            throws InterruptedException {
        quiet(server);
        CpuMeter cpu = new CpuMeter(server);
        LoadGenerator.Result result = load.fixedRate(who + " open " + rate + " msg/s x " + (int) RATE_SECONDS + " s",
                rate, RATE_SECONDS, who + rate + "-", USERS);
        say("%s  %s", result.line(), load());
        say("%35s%s; %s", "", cpu.report(who), cpuPerMessage(f, who + "@" + rate, cpu, result));
        return result;
    }

    /** The server's CPU per answered message in the run, in µs, kept under {@code key}. */
    private static String cpuPerMessage(Figures f, String key, CpuMeter cpu, LoadGenerator.Result result) {
        double us = result.ok() == 0 ? Double.NaN : cpu.serverSeconds() * 1e6 / result.ok();
        f.cpuPerMessageUs.put(key, us);
        return String.format("%.0f us of CPU per answered message", us);
    }

    /**
     * Closed loops at a few concurrencies; the best throughput among the runs without error. Also
     * prints the CPU the server and the generator used (in cores): both share the machine's CPUs.
     */
    private static LoadGenerator.Result max(LoadGenerator load, ServerProcess server, String who, Figures f) throws InterruptedException {
        LoadGenerator.Result best = null;
        double bestCpu = Double.NaN;
        for (int inFlight : CONCURRENCY) {
            quiet(server);
            load.closedLoop("settle", inFlight, Long.MAX_VALUE, 2, who + "s" + inFlight + "-", USERS);
            CpuMeter cpu = new CpuMeter(server);
            LoadGenerator.Result result = load.closedLoop(who + " closed c=" + inFlight + " x " + (int) MAX_SECONDS + " s",
                    inFlight, Long.MAX_VALUE, MAX_SECONDS, who + "c" + inFlight + "-", USERS);
            say("%s  %s", result.line(), load());
            say("%35s%s; %s", "", cpu.report(who), cpuPerMessage(f, who + "@c" + inFlight, cpu, result));
            if (result.errors() == 0 && (best == null || result.throughput() > best.throughput())) {
                best = result;
                bestCpu = f.cpuPerMessageUs.get(who + "@c" + inFlight);
            }
            if (who.equals("bot") && inFlight == RAMP_IN_FLIGHT) {
                f.botSteady32 = result;
            }
        }
        f.cpuPerMessageUs.put(who + "@max", bestCpu);
        say("max throughput with zero errors: %s", best == null ? "none (every run had errors)"
                : String.format("%.0f msg/s (%s)", best.throughput(), best.label()));
        return best;
    }

    private static void soak(Figures f, ServerProcess bot, LoadGenerator load) throws Exception {
        say("%n-- soak: up to %,d messages from %,d users (closed loop c=64), at most %.0f s %s", SOAK_MESSAGES, SOAK_USERS, SOAK_SECONDS, load());
        quiet(bot);
        f.soakRssBeforeKb = bot.rssKb();
        f.soakLiveBeforeKb = bot.liveHeapKb();
        say("before: RSS %d MiB, heap live after full GC %d MiB", f.soakRssBeforeKb / 1024, f.soakLiveBeforeKb / 1024);
        long start = System.nanoTime();
        CpuMeter cpu = new CpuMeter(bot);
        CompletableFuture<LoadGenerator.Result> run = CompletableFuture.supplyAsync(() ->
                load.closedLoop("soak", 64, SOAK_MESSAGES, SOAK_SECONDS, "soak-", SOAK_USERS));
        while (!run.isDone()) {
            try {
                run.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                long rss = bot.rssKb();
                f.botRssPeakKb = Math.max(f.botRssPeakKb, rss);
                say("  t=%4.0f s  RSS %d MiB  %s", (System.nanoTime() - start) / 1e9, rss / 1024, load());
            }
        }
        f.soak = run.join();
        say("%s", f.soak.line());
        say("%35s%s", "", cpu.report("bot"));
        f.soakRssAfterKb = bot.rssKb();
        f.botRssPeakKb = Math.max(f.botRssPeakKb, f.soakRssAfterKb);
        f.soakLiveAfterKb = bot.liveHeapKb();
        say("after %,d messages: RSS %d MiB (%+.1f%%), heap live after full GC %d MiB (%+.1f%%) %s", f.soak.ok(),
                f.soakRssAfterKb / 1024, growth(f.soakRssBeforeKb, f.soakRssAfterKb),
                f.soakLiveAfterKb / 1024, growth(f.soakLiveBeforeKb, f.soakLiveAfterKb), load());
    }

    // ---------------------------------------------------------------- slow clients (issue 17)

    /**
     * One address (127.0.0.1) opens 1,500 requests it never finishes and 1,500 keep-alive connections it
     * leaves idle, while another client (127.0.0.2) asks at 200 msg/s: first with the default
     * per-address limit (most are refused at once), then with the limits raised so that all 3,000 are
     * held, for memory. Then the unfinished ones must be gone after BOT_REQUEST_TIMEOUT (10 s).
     */
    private static void slowClients(Figures f, List<Questions.Question> questions) throws Exception {
        say("%n-- slow clients: %,d unfinished requests and %,d idle connections from 127.0.0.1, another client at 200 msg/s "
                + "from 127.0.0.2 %s", SLOW_UNFINISHED, SLOW_IDLE, load());
        double seconds = Math.min(RATE_SECONDS, 10);
        for (boolean capped : new boolean[] {true, false}) {
            quiet(null);
            int port = ServerProcess.freePort();
            // Blank: the default limits.
            Map<String, String> env = capped ? Map.of("BOT_MAX_CONNECTIONS_PER_ADDRESS", "", "BOT_MAX_CONNECTIONS", "")
                    : Map.of("BOT_MAX_CONNECTIONS_PER_ADDRESS", "4000", "BOT_MAX_CONNECTIONS", "4000");
            say("bot with %s", capped ? "the default connection limits (100 per address, 2,000 in all)" : env);
            try (ServerProcess bot = startBot(port, capped ? "slow-capped" : "slow-held", env, null);
                 LoadGenerator other = new LoadGenerator(port, questions, 64, "127.0.0.2")) {
                bot.awaitReady(System.nanoTime(), 120_000);
                if (capped) {
                    f.slowBefore = other.fixedRate("another client, no slow clients", 200, seconds, "slow0-", USERS);
                    say("%s  %s", f.slowBefore.line(), load());
                    f.slowRssBeforeKb = bot.rssKb();
                }
                try (SlowClients slow = new SlowClients(port, "127.0.0.1", SLOW_UNFINISHED, SLOW_IDLE)) {
                    long opened = System.nanoTime();
                    LoadGenerator.Result during = other.fixedRate("another client, slow clients held", 200, seconds, "slow1-", USERS);
                    int[] held = slow.held();
                    long rss = bot.rssKb();
                    say("%s  %s", during.line(), load());
                    say("  held by the bot: %d unfinished, %d idle; RSS %d MiB (before %d MiB)", held[0], held[1], rss / 1024,
                            f.slowRssBeforeKb / 1024);
                    if (capped) {
                        f.slowDuringCapped = during;
                        f.slowHeldCapped = held;
                    } else {
                        f.slowDuringHeld = during;
                        f.slowHeldAll = held;
                        f.slowRssHeldKb = rss;
                        long waitNanos = TimeUnit.SECONDS.toNanos(12) - (System.nanoTime() - opened);
                        if (waitNanos > 0) {
                            TimeUnit.NANOSECONDS.sleep(waitNanos); // past BOT_REQUEST_TIMEOUT: the measured behaviour
                        }
                        f.slowHeldAfterTimeout = slow.held();
                        say("  12 s after they opened: %d unfinished, %d idle still held", f.slowHeldAfterTimeout[0],
                                f.slowHeldAfterTimeout[1]);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- the same build with a free classifier

    /** The bot's jar with {@link FreeClassifierBot} as main: Tock's engine, its web connector and HTTP alone. */
    private static void free(Figures f, List<Questions.Question> questions) throws Exception {
        int port = ServerProcess.freePort();
        say("%n-- free classifier: `java %s -cp %s:<bench classes> %s` on 127.0.0.1:%d %s", String.join(" ", SERVER_JVM), JAR,
                FreeClassifierBot.class.getName(), port, load());
        try (ServerProcess bot = startBot(port, "free", Map.of(), FreeClassifierBot.class.getName());
             LoadGenerator load = new LoadGenerator(port, questions, 256)) {
            bot.awaitReady(System.nanoTime(), 120_000);
            warmUp(load);
            f.free1000 = fixed(load, bot, "free", 1000, f);
            f.freeMax = max(load, bot, "free", f);
        }
    }

    // ---------------------------------------------------------------- the floor

    private static void floor(Figures f, List<Questions.Question> questions) throws Exception {
        int port = ServerProcess.freePort();
        Path answer = floorAnswer();
        say("%n-- floor: bare Vert.x handler (vertx-web, BodyHandler, fixed answer of %d bytes) on 127.0.0.1:%d, %s %s",
                Files.size(answer), port, String.join(" ", SERVER_JVM_WITHOUT_ARCHIVE), load());
        try (ServerProcess floor = startFloor(port, "floor");
             LoadGenerator load = new LoadGenerator(port, questions, 256)) {
            floor.awaitFirstAnswer(30_000);
            warmUp(load);
            f.floorRssWarmKb = floor.rssKb();
            say("RSS after warm-up: %d MiB", f.floorRssWarmKb / 1024);
            f.floor200 = fixed(load, floor, "floor", 200, f);
            f.floor1000 = fixed(load, floor, "floor", 1000, f);
            f.floorMax = max(load, floor, "floor", f);
        }
    }

    /** The bot's captured answer (the bot phase writes it), or a realistic one. */
    private static Path floorAnswer() throws IOException {
        Path answer = OUT.resolve("floor-answer.json");
        if (!Files.exists(answer)) {
            Files.writeString(answer, "{\"responses\":[{\"text\":\"Tock est partagé sous licence Apache 2.\",\"buttons\":[]}],\"metadata\":{}}");
        }
        return answer;
    }

    private static ServerProcess startFloor(int port, String label) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(SERVER_JVM_WITHOUT_ARCHIVE);
        command.addAll(List.of("-Dtock_env=prod", "-Dtock_logback_enabled=false", "-cp", System.getProperty("java.class.path"),
                FloorServer.class.getName(), Integer.toString(port), floorAnswer().toString()));
        return ServerProcess.start("floor", command, Map.of(), port, OUT.resolve(label + ".log"));
    }

    // ---------------------------------------------------------------- summary

    private static void summary(Figures f) {
        say("%n== summary (%s) ==", load());
        say("%-44s %14s %14s %8s   %-22s %s", "figure", "bot", "floor", "bot/floor", "target", "");
        row("in-process classify p50 / p99 / p99.9", us(f.classifyP50) + " / " + us(f.classifyP99) + " / " + us(f.classifyP999),
                "", "", "", null);
        row("in-process full turn p50 / p99 / p99.9", us(f.turnP50) + " / " + us(f.turnP99) + " / " + us(f.turnP999), "", "",
                "turn p99 <= 1 ms", Double.isNaN(f.turnP99) ? null : f.turnP99 <= 1000);
        for (int rate : new int[] {200, 1000}) {
            LoadGenerator.Result b = rate == 200 ? f.bot200 : f.bot1000;
            LoadGenerator.Result fl = rate == 200 ? f.floor200 : f.floor1000;
            for (double p : new double[] {50, 99, 99.9}) {
                Double ratio = b == null || fl == null ? null : b.ms(p) / fl.ms(p);
                boolean target = rate == 200 && p == 99;
                row("POST /web @ " + rate + " msg/s p" + (p == 99.9 ? "99.9" : Integer.toString((int) p)) + " (ms)",
                        ms(b, p), ms(fl, p), ratio == null ? "" : String.format("%.1fx", ratio),
                        target ? "<= 15 ms" : "", target && b != null ? b.ms(99) <= 15 && b.errors() == 0 : null);
            }
            row("  errors @ " + rate + " msg/s", b == null ? "-" : Long.toString(b.errors()), fl == null ? "-" : Long.toString(fl.errors()), "", "", null);
        }
        Double throughputRatio = f.botMax == null || f.floorMax == null ? null : f.botMax.throughput() / f.floorMax.throughput();
        row("max throughput, zero errors (msg/s)", f.botMax == null ? "-" : String.format("%.0f", f.botMax.throughput()),
                f.floorMax == null ? "-" : String.format("%.0f", f.floorMax.throughput()),
                throughputRatio == null ? "" : String.format("%.0f%%", 100 * throughputRatio),
                ">= 20% of the floor", !f.botMaxRan || throughputRatio == null ? null : throughputRatio >= 0.2);
        if (f.botMaxRan && throughputRatio == null) {
            say("  (the floor's max throughput was not measured: the ratio is not judged)");
        }
        row("  free classifier, max throughput (msg/s)", f.freeMax == null ? "-" : String.format("%.0f", f.freeMax.throughput()),
                "", f.freeMax == null || f.floorMax == null ? "" : String.format("%.0f%%", 100 * f.freeMax.throughput() / f.floorMax.throughput()),
                "", null);
        row("  p99 at max throughput (ms)", ms(f.botMax, 99), ms(f.floorMax, 99),
                f.botMax == null || f.floorMax == null ? "" : String.format("%.1fx", f.botMax.ms(99) / f.floorMax.ms(99)), "", null);
        for (String load : new String[] {"1000", "max"}) {
            String at = load.equals("1000") ? "@1000" : "@max";
            double bot = f.cpuPerMessageUs.getOrDefault("bot" + at, Double.NaN);
            double floor = f.cpuPerMessageUs.getOrDefault("floor" + at, Double.NaN);
            row("CPU per answered message " + (load.equals("1000") ? "@ 1,000 msg/s" : "at saturation") + " (us)", us(bot), us(floor),
                    Double.isNaN(bot) || Double.isNaN(floor) ? "" : String.format("%.1fx", bot / floor), "", null);
            row("  free classifier (Tock's engine and HTTP alone)", us(f.cpuPerMessageUs.getOrDefault("free" + at, Double.NaN)), "", "", "", null);
        }
        if (f.rampClosed != null) {
            for (LoadGenerator.Window w : f.rampClosed.windows()) {
                if (w.fromSeconds() < RAMP_SECONDS - 1e-6) {
                    row(String.format("closed c=32 from /readyz %2.0f-%2.0f s msg/s, p99", w.fromSeconds(), w.fromSeconds() + 5),
                            String.format("%.0f, %.1f ms", w.throughput(), w.ms(99)), "", "", "", null);
                }
            }
            LoadGenerator.Window first10 = firstSeconds(f.rampClosed, 10);
            Double share = f.botSteady32 == null ? null : first10.throughput() / f.botSteady32.throughput();
            row("  first 10 s vs steady c=32 (" + (f.botSteady32 == null ? "not measured" : String.format("%.0f msg/s", f.botSteady32.throughput())) + ")",
                    share == null ? "-" : String.format("%.0f%%", 100 * share), "", "", ">= 70%", share == null ? null : share >= 0.7);
            row("  first 10 s p99 (ms)", String.format("%.1f", first10.ms(99)), "", "", "<= 50 ms", first10.ms(99) <= 50);
            row("  ready after start (s), closed / open runs", String.format("%.2f / %.2f", f.rampClosedReadySeconds, f.rampOpenReadySeconds),
                    "", "", "", null);
        }
        if (f.rampOpen != null) {
            double worst = f.rampOpen.windows().stream().mapToDouble(w -> w.ms(99)).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            row("open 1,000 msg/s from /readyz: worst 1 s p99 (ms)", String.format("%.1f", worst), "", "", "<= 20 ms each second",
                    Double.isNaN(worst) ? null : worst <= 20 && f.rampOpen.errors() == 0);
            row("  its first second p99 (ms); errors", String.format("%.1f; %d", f.rampOpen.windows().isEmpty() ? Double.NaN
                    : f.rampOpen.windows().get(0).ms(99), f.rampOpen.errors()), "", "", "", null);
        }
        if (f.sameUser != null) {
            row("same user, 3 at once: gap to previous p50 / p99 (ms)", String.format("%.2f / %.2f", f.sameUser.ms(f.sameUser.gaps(), 50),
                    f.sameUser.ms(f.sameUser.gaps(), 99)), "", "", "each <= 50 ms",
                    f.sameUser.errors() == 0 && f.sameUser.gaps().getMaxValue() / 1e6 <= 50);
            row("  max gap (ms); first answer p50 (ms); errors", String.format("%.2f; %.2f; %d", f.sameUser.gaps().getMaxValue() / 1e6,
                    f.sameUser.ms(f.sameUser.first(), 50), f.sameUser.errors()), "", "", "", null);
        }
        if (f.slowBefore != null) {
            row("another client @ 200 msg/s p99 (ms): alone", ms(f.slowBefore, 99), "", "", "", null);
            row("  while 1,500 unfinished + 1,500 idle (default limits)", ms(f.slowDuringCapped, 99), "", "",
                    "as fast as usual", f.slowDuringCapped == null ? null : f.slowDuringCapped.errors() == 0
                            && f.slowDuringCapped.ms(99) <= Math.max(2 * f.slowBefore.ms(99), f.slowBefore.ms(99) + 5));
            row("  held of them (unfinished, idle), default limits", held(f.slowHeldCapped), "", "", "<= 100 in all",
                    f.slowHeldCapped == null ? null : f.slowHeldCapped[0] + f.slowHeldCapped[1] <= 100);
            row("  while all 3,000 are held (limits raised)", ms(f.slowDuringHeld, 99), "", "", "", null);
            row("  RSS with the 3,000 held (MiB)", kb(f.slowRssHeldKb), "", "", "<= 300 MB = 286 MiB",
                    f.slowRssHeldKb < 0 ? null : f.slowRssHeldKb / 1024.0 <= 300 * 1e6 / (1 << 20));
            row("  held 12 s after opening (unfinished, idle)", held(f.slowHeldAfterTimeout), "", "", "0 unfinished",
                    f.slowHeldAfterTimeout == null ? null : f.slowHeldAfterTimeout[0] == 0);
        }
        double coldMedian = f.coldStarts.isEmpty() ? Double.NaN : f.coldStarts.stream().sorted().toList().get(f.coldStarts.size() / 2);
        row("cold start to first answer (s), median", f.coldStarts.isEmpty() ? "-" : String.format("%.2f", coldMedian)
                + " " + f.coldStarts.stream().map(s -> String.format("%.2f", s)).toList(), "", "", "<= 3 s",
                f.coldStarts.isEmpty() ? null : coldMedian <= 3);
        row("RSS at first answer, cold starts max (MiB)", kb(f.coldRssKb), "", "", "", null);
        row("RSS after warm-up (MiB)", kb(f.botRssWarmKb), kb(f.floorRssWarmKb), "", "", null);
        // The verdict goes on the row that shows the figure it judges: the highest RSS sampled.
        row("RSS, highest sample (MiB)", kb(f.botRssPeakKb), "", "", "<= 300 MB = 286 MiB",
                f.botRssPeakKb < 0 ? null : f.botRssPeakKb / 1024.0 <= 300 * 1e6 / (1 << 20));
        if (f.soak != null) {
            row("RSS after soak (MiB), " + String.format("%,d msgs / %,d users", f.soak.ok(), SOAK_USERS), kb(f.soakRssAfterKb), "", "", "", null);
            // Growth is judged when the soak sent all its messages (its time limit alone leaves it unjudged);
            // errors get a verdict of their own.
            boolean timeLimited = f.soak.sent() < SOAK_MESSAGES;
            row("RSS growth over the soak", String.format("%+.1f%%", growth(f.soakRssBeforeKb, f.soakRssAfterKb)), "", "",
                    "< 5% over 1,000,000", timeLimited || SOAK_MESSAGES < 1_000_000 ? null
                            : growth(f.soakRssBeforeKb, f.soakRssAfterKb) < 5);
            row("  soak errors", Long.toString(f.soak.errors()), "", "", "0", f.soak.errors() == 0);
            row("live heap after full GC, before -> after (MiB)", kb(f.soakLiveBeforeKb) + " -> " + kb(f.soakLiveAfterKb), "", "",
                    "", null);
            if (timeLimited) {
                say("  (the soak stopped at its time limit after sending %,d of %,d messages: growth is reported, not judged)", f.soak.sent(), SOAK_MESSAGES);
            }
        }
    }

    private static void row(String figure, String bot, String floor, String ratio, String target, Boolean met) {
        say("%-44s %14s %14s %8s   %-22s %s", figure, bot, floor, ratio, target, met == null ? "" : met ? "MET" : "MISSED");
    }

    // ---------------------------------------------------------------- helpers

    /** The first {@code seconds} of a run cut into windows, as one window. */
    private static LoadGenerator.Window firstSeconds(LoadGenerator.Result result, double seconds) {
        org.HdrHistogram.Histogram merged = new org.HdrHistogram.Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long ok = 0;
        long errors = 0;
        double covered = 0;
        for (LoadGenerator.Window w : result.windows()) {
            if (w.fromSeconds() < seconds - 1e-6) {
                merged.add(w.latency());
                ok += w.ok();
                errors += w.errors();
                covered += w.seconds();
            }
        }
        return new LoadGenerator.Window(0, Math.max(1e-9, covered), ok, errors, merged);
    }

    private static String held(int[] held) {
        return held == null ? "-" : held[0] + ", " + held[1];
    }

    private static String us(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.0f us", value);
    }

    private static String ms(LoadGenerator.Result result, double percentile) {
        return result == null ? "-" : String.format("%.2f", result.ms(percentile));
    }

    private static String kb(long kb) {
        return kb < 0 ? "-" : Long.toString(kb / 1024);
    }

    private static double growth(long before, long after) {
        return before <= 0 ? Double.NaN : 100.0 * (after - before) / before;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "[load " + parts[0] + " " + parts[1] + " " + parts[2] + "]";
        } catch (IOException e) {
            return "[load ?]";
        }
    }

    /** The commit benchmarked, and whether the work tree had changes (BENCH_SOURCE overrides, for a copied tree). */
    private static String source() {
        try {
            Path marker = Path.of("BENCH_SOURCE");
            if (Files.exists(marker)) {
                return Files.readString(marker).trim();
            }
            return ServerProcess.runBounded(List.of("git", "describe", "--always", "--dirty"), 10).map(d -> "git " + d.trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memTotalMib() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.toString(Long.parseLong(l.replaceAll("\\D", "")) / 1024)).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static void say(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println(line);
        REPORT.append(line).append(System.lineSeparator());
    }
}
