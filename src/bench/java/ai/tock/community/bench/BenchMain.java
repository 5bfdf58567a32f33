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
 * The benchmark run of issue 6, phase after phase (never two at once): JMH in-process figures,
 * cold starts of the jar, HTTP load on the bot, a long soak for memory, then the same HTTP load on
 * the floor (a bare Vert.x handler). Prints every figure and a table against the targets, and
 * writes it to target/bench/report.txt. Only 127.0.0.1 is ever spoken to.
 */
public final class BenchMain {

    private static final int USERS = 10_000;
    private static final int[] CONCURRENCY = {16, 64, 256};
    private static final double MAX_SECONDS = 12;
    private static final StringBuilder REPORT = new StringBuilder();

    private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));
    private static final Path TARGET = Path.of(System.getProperty("bench.target", "target"));
    // The shaded jar, copied under a neutral name: a `pkill -f <artifact name>` elsewhere must not end a run.
    private static final Path JAR = OUT.resolve("bot-under-test.jar");
    // The JVM options of the README's start command, for the bot and the floor alike.
    private static final List<String> SERVER_JVM = List.of(System.getProperty("bench.serverJvm", "-Xmx256m").trim().split("\\s+"));
    private static final double RATE_SECONDS = Double.parseDouble(System.getProperty("bench.rateSeconds", "30"));
    private static final long SOAK_MESSAGES = Long.parseLong(System.getProperty("bench.soakMessages", "1000000"));
    private static final int SOAK_USERS = Integer.parseInt(System.getProperty("bench.soakUsers", "100000"));
    private static final double SOAK_SECONDS = Double.parseDouble(System.getProperty("bench.soakSeconds", "600"));
    private static final boolean JFR = Boolean.parseBoolean(System.getProperty("bench.jfr", "false"));
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
        if (runs("bot")) {
            bot(f, questions);
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
    }

    private static boolean runs(String phase) {
        return ONLY.isEmpty() || ONLY.contains(phase);
    }

    // ---------------------------------------------------------------- in-process (JMH)

    private static void inProcess(Figures f) throws Exception {
        say("%n-- in-process (JMH, SampleTime, 1 fork `%s`, 5x2 s warm-up, 5x2 s measurement; log in %s) %s",
                String.join(" ", SERVER_JVM), OUT.resolve("jmh.log"), load());
        quiet(null);
        CpuMeter cpu = new CpuMeter(null);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(InProcessBenchmark.class.getName() + "\\.")
                // The fork gets the server's heap and GC, as the HTTP phases: the figures compare.
                .jvmArgsAppend(SERVER_JVM.toArray(String[]::new))
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
        Path data = Files.createTempDirectory("bench-bot-data");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(SERVER_JVM);
        command.addAll(List.of("-jar", JAR.toString()));
        return ServerProcess.start("bot", command, Map.of("PORT", Integer.toString(port), "BOT_DATA_DIR", data.toString(),
                "BOT_RATE_PER_USER", "1000000", "BOT_RATE_PER_ADDRESS", "10000000"), port, OUT.resolve(label + ".log"));
    }

    private static void bot(Figures f, List<Questions.Question> questions) throws Exception {
        int port = ServerProcess.freePort();
        say("%n-- bot over HTTP: `java %s -jar %s` on 127.0.0.1:%d (rate limits lifted, BOT_MAX_USERS default) %s",
                String.join(" ", SERVER_JVM), JAR, port, load());
        try (ServerProcess bot = startBot(port, "bot");
             LoadGenerator load = new LoadGenerator(port, questions, 256)) {
            bot.awaitFirstAnswer(30_000);
            // One recording from the warm-up on: starting JFR costs CPU that must not land in a measured run.
            startRecording(bot);
            warmUp(load);
            f.botRssWarmKb = bot.rssKb();
            f.botRssPeakKb = f.botRssWarmKb;
            say("RSS after warm-up: %d MiB", f.botRssWarmKb / 1024);
            f.bot200 = fixed(load, bot, "bot", 200);
            f.botRssPeakKb = Math.max(f.botRssPeakKb, bot.rssKb());
            f.bot1000 = fixed(load, bot, "bot", 1000);
            f.botRssPeakKb = Math.max(f.botRssPeakKb, bot.rssKb());
            f.botMax = max(load, bot, "bot");
            f.botRssPeakKb = Math.max(f.botRssPeakKb, bot.rssKb());
            f.botMaxRan = true;
            stopRecording(bot, "bot");
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

    private static LoadGenerator.Result fixed(LoadGenerator load, ServerProcess server, String who, int rate) throws InterruptedException {
        quiet(server);
        CpuMeter cpu = new CpuMeter(server);
        LoadGenerator.Result result = load.fixedRate(who + " open " + rate + " msg/s x " + (int) RATE_SECONDS + " s",
                rate, RATE_SECONDS, who + rate + "-", USERS);
        say("%s  %s", result.line(), load());
        say("%35s%s", "", cpu.report(who));
        return result;
    }

    /**
     * Closed loops at a few concurrencies; the best throughput among the runs without error. Also
     * prints the CPU the server and the generator used (in cores): both share the machine's CPUs.
     */
    private static LoadGenerator.Result max(LoadGenerator load, ServerProcess server, String who) throws InterruptedException {
        LoadGenerator.Result best = null;
        for (int inFlight : CONCURRENCY) {
            quiet(server);
            load.closedLoop("settle", inFlight, Long.MAX_VALUE, 2, who + "s" + inFlight + "-", USERS);
            CpuMeter cpu = new CpuMeter(server);
            LoadGenerator.Result result = load.closedLoop(who + " closed c=" + inFlight + " x " + (int) MAX_SECONDS + " s",
                    inFlight, Long.MAX_VALUE, MAX_SECONDS, who + "c" + inFlight + "-", USERS);
            say("%s  %s", result.line(), load());
            say("%35s%s", "", cpu.report(who));
            if (result.errors() == 0 && (best == null || result.throughput() > best.throughput())) {
                best = result;
            }
        }
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

    // ---------------------------------------------------------------- the floor

    private static void floor(Figures f, List<Questions.Question> questions) throws Exception {
        int port = ServerProcess.freePort();
        Path answer = OUT.resolve("floor-answer.json");
        if (!Files.exists(answer)) {
            Files.writeString(answer, "{\"responses\":[{\"text\":\"Tock est partagé sous licence Apache 2.\",\"buttons\":[]}],\"metadata\":{}}");
        }
        say("%n-- floor: bare Vert.x handler (vertx-web, BodyHandler, fixed answer of %d bytes) on 127.0.0.1:%d, %s %s",
                Files.size(answer), port, String.join(" ", SERVER_JVM), load());
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(SERVER_JVM);
        command.addAll(List.of("-Dtock_env=prod", "-Dtock_logback_enabled=false", "-cp", System.getProperty("java.class.path"),
                FloorServer.class.getName(), Integer.toString(port), answer.toString()));
        try (ServerProcess floor = ServerProcess.start("floor", command, Map.of(), port, OUT.resolve("floor.log"));
             LoadGenerator load = new LoadGenerator(port, questions, 256)) {
            floor.awaitFirstAnswer(30_000);
            warmUp(load);
            f.floorRssWarmKb = floor.rssKb();
            say("RSS after warm-up: %d MiB", f.floorRssWarmKb / 1024);
            f.floor200 = fixed(load, floor, "floor", 200);
            f.floor1000 = fixed(load, floor, "floor", 1000);
            f.floorMax = max(load, floor, "floor");
        }
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
                ">= 2000 and >= 50% floor", !f.botMaxRan ? null
                        : f.botMax != null && f.botMax.throughput() >= 2000 && (throughputRatio == null || throughputRatio >= 0.5));
        if (f.botMaxRan && throughputRatio == null) {
            say("  (the floor's max throughput was not measured: the verdict judges >= 2000 msg/s only, not the ratio)");
        }
        row("  p99 at max throughput (ms)", ms(f.botMax, 99), ms(f.floorMax, 99),
                f.botMax == null || f.floorMax == null ? "" : String.format("%.1fx", f.botMax.ms(99) / f.floorMax.ms(99)), "", null);
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
