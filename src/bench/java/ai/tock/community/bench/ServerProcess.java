package ai.tock.community.bench;

import ai.tock.community.TestContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server the harness started (the bot's jar or the floor), its port, memory and end. */
final class ServerProcess implements AutoCloseable {

    // One line per heap or generation ("garbage-first heap", "def new generation", "tenured generation"...);
    // the metaspace line has no "total".
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    final String name;
    final Process process;
    final int port;

    private ServerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(String name, List<String> command, Map<String, String> env, int port, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        TestContent.withoutBotSettings(builder.environment()).putAll(env);
        ServerProcess server = new ServerProcess(name, builder.start(), port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::kill));
        return server;
    }

    static int freePort() {
        return TestContent.freePort();
    }

    /** Polls POST /web every 5 ms until a question is answered; returns the answer body. */
    String awaitFirstAnswer(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue());
            }
            String body = post(port, "{\"query\":\"où est le gitter ?\",\"userId\":\"cold-start\",\"locale\":\"fr\"}");
            if (body != null && body.startsWith("{\"responses\":[{")) {
                return body;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(name + " did not answer within " + timeoutMillis + " ms");
    }

    /** Polls GET /readyz every 5 ms until it answers 200; returns the seconds since {@code startNanos}. */
    double awaitReady(long startNanos, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue());
            }
            if (status(port, "/readyz") == 200) {
                return (System.nanoTime() - startNanos) / 1e9;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(name + " was not ready within " + timeoutMillis + " ms");
    }

    /** The status of one HTTP/1.1 GET on a fresh connection to 127.0.0.1, or -1. */
    static int status(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoadGenerator.HOST, port), 1000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + LoadGenerator.HOST + ":" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return response.startsWith("HTTP/1.1 ") && response.length() >= 12 ? Integer.parseInt(response.substring(9, 12)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** One HTTP/1.1 POST /web on a fresh connection to 127.0.0.1; the body of a 200, or null. */
    static String post(int port, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoadGenerator.HOST, port), 1000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /web HTTP/1.1\r\nHost: " + LoadGenerator.HOST + ":" + port
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.1 200")) {
                return null;
            }
            int start = response.indexOf("\r\n\r\n");
            return start < 0 ? null : response.substring(start + 4);
        } catch (IOException e) {
            return null;
        }
    }

    /** CPU time (user + system) the process has used, in seconds. */
    double cpuSeconds() {
        return cpuSeconds(Path.of("/proc/" + process.pid() + "/stat"));
    }

    /**
     * CPU seconds from a /proc/[pid]/stat file (utime and stime, plus cutime and cstime: the children
     * it has reaped, such as JMH's forks), at 100 ticks a second.
     */
    static double cpuSeconds(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident memory of the process (VmRSS), in KiB. */
    long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Heap in use right after a full GC (jcmd GC.run, GC.heap_info), in KiB: what is really kept. */
    long liveHeapKb() {
        jcmd("GC.run");
        Matcher used = USED.matcher(jcmd("GC.heap_info"));
        long kb = -1;
        while (used.find()) {
            kb = Math.max(kb, 0) + Long.parseLong(used.group(1));
        }
        return kb;
    }

    String jcmd(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid())));
        command.addAll(List.of(args));
        return runBounded(command, 60).orElse("");
    }

    /**
     * A short command's output, or empty when it fails or outlasts {@code seconds} (then killed). The
     * output goes to a file, not a pipe: reading a pipe to its end would wait on the command unbounded.
     */
    static java.util.Optional<String> runBounded(List<String> command, long seconds) {
        Path output = null;
        try {
            output = Files.createTempFile("bench-command-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return java.util.Optional.empty();
            }
            return process.exitValue() == 0 ? java.util.Optional.of(Files.readString(output, StandardCharsets.UTF_8))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    private void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** SIGTERM (the bot drains its turns), then SIGKILL after 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
