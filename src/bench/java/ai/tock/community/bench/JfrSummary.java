package ai.tock.community.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/** The hot spots of a JFR recording: CPU samples (self, total, by project frame, by thread) and allocations. */
final class JfrSummary {

    private static final String PROJECT = "ai.tock.community.";

    private JfrSummary() {
    }

    static String summarize(Path file, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> project = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> allocByClass = new HashMap<>();
        Map<String, Long> allocBySite = new HashMap<>();
        long samples = 0;
        long allocTotal = 0;
        long gcs = 0;
        long gcPauseNanos = 0;
        long gcMaxPauseNanos = 0;
        long safepointNanos = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    self.merge(name(frames.get(0).getMethod()), 1L, Long::sum);
                }
                Set<String> seen = new HashSet<>();
                String firstProject = null;
                for (RecordedFrame frame : frames) {
                    String method = name(frame.getMethod());
                    if (seen.add(method)) {
                        total.merge(method, 1L, Long::sum);
                    }
                    if (firstProject == null && method.startsWith(PROJECT)) {
                        firstProject = method;
                    }
                }
                project.merge(firstProject == null ? "(no project frame)" : firstProject, 1L, Long::sum);
                String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
                threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "N"), 1L, Long::sum);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = event.getLong("weight");
                allocTotal += weight;
                allocByClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                String site = "?";
                if (event.getStackTrace() != null) {
                    for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                        String method = name(frame.getMethod());
                        if (method.startsWith(PROJECT)) {
                            site = method;
                            break;
                        }
                    }
                }
                allocBySite.merge(site, weight, Long::sum);
            } else if (type.equals("jdk.GarbageCollection")) {
                gcs++;
                gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
                gcMaxPauseNanos = Math.max(gcMaxPauseNanos, event.getDuration("longestPause").toNanos());
            } else if (type.equals("jdk.SafepointBegin")) {
                safepointNanos += event.getDuration().toNanos();
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("JFR %s: %d CPU samples, %d GCs (%.0f ms of pauses, longest %.1f ms), safepoints %.0f ms,"
                        + " %.0f MB allocated (sampled estimate)%n",
                file.getFileName(), samples, gcs, gcPauseNanos / 1e6, gcMaxPauseNanos / 1e6, safepointNanos / 1e6, allocTotal / 1e6));
        section(out, "CPU by thread", threads, samples, top);
        section(out, "CPU self (top frame)", self, samples, top);
        section(out, "CPU total (method anywhere on the stack)", total, samples, top);
        section(out, "CPU by innermost project frame (ai.tock.community.*)", project, samples, top);
        section(out, "allocation by class", allocByClass, allocTotal, top);
        section(out, "allocation by innermost project frame", allocBySite, allocTotal, top);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, Map<String, Long> counts, long all, int top) {
        out.append("  ").append(title).append(':').append(System.lineSeparator());
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(top)
                .forEach(e -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, all), e.getKey())));
    }

    private static String name(RecordedMethod method) {
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }
}
