package ai.tock.community.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used during a phase, in cores: by the server under test, by this generator, and by every
 * other process of the machine (another build running beside the benchmark shows here).
 */
final class CpuMeter {

    private static final Path SELF = Path.of("/proc/self/stat");

    private final ServerProcess server;
    private final long start = System.nanoTime();
    private final double machineStart = machineBusySeconds();
    private final double serverStart;
    private final double selfStart = ServerProcess.cpuSeconds(SELF);

    CpuMeter(ServerProcess server) {
        this.server = server;
        this.serverStart = server == null ? 0 : server.cpuSeconds();
    }

    /** CPU seconds the server used since this meter started. */
    double serverSeconds() {
        return server == null ? Double.NaN : server.cpuSeconds() - serverStart;
    }

    /** "server 1.71, generator 0.13, others 0.02 cores" since this meter started. */
    String report(String serverName) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double serverCores = server == null ? 0 : (server.cpuSeconds() - serverStart) / seconds;
        double selfCores = (ServerProcess.cpuSeconds(SELF) - selfStart) / seconds;
        double machineCores = (machineBusySeconds() - machineStart) / seconds;
        double others = Math.max(0, machineCores - serverCores - selfCores);
        return server == null
                ? String.format("CPU: harness (incl. its forks) %.2f, others %.2f cores", selfCores, others)
                : String.format("CPU: %s %.2f, generator %.2f, others %.2f cores", serverName, serverCores, selfCores, others);
    }

    /**
     * Waits (at most {@code maxSeconds}) for a 3-second window in which the rest of the machine uses
     * less than a quarter of a core, so that another build does not land in the figures. Returns what
     * the others used in the last window, in cores.
     */
    static double awaitQuiet(ServerProcess server, double maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        double others;
        do {
            double machine = machineBusySeconds();
            double mine = ServerProcess.cpuSeconds(SELF) + (server == null ? 0 : server.cpuSeconds());
            Thread.sleep(3000);
            double mineAfter = ServerProcess.cpuSeconds(SELF) + (server == null ? 0 : server.cpuSeconds());
            others = Math.max(0, (machineBusySeconds() - machine) - (mineAfter - mine)) / 3.0;
        } while (others >= 0.25 && System.nanoTime() < deadline);
        return others;
    }

    /** Busy time of all CPUs since boot (the first line of /proc/stat, idle and iowait left out), in seconds. */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
