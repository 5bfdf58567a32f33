package ai.tock.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.tock.community.TestContent.ChildRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar tock-community-bot.jar evaluate FILE}, as an operator runs it. */
class EvaluateCommandTest {

    @TempDir
    Path dir;

    @Test
    void prints_the_figures_and_every_miss() throws Exception {
        Path file = dir.resolve("mine.tsv");
        Files.writeString(file, """
                # an operator's own questions
                licence\ten\t-\tHello, which licence covers the Tock code base?
                off-topic\tfr\t-\tQuel temps fera-t-il demain à Brest ?
                demo_host\tfr\t-\tla météo de demain à Brest
                """);
        ChildRun run = TestContent.runMain(Map.of(), "evaluate", file.toString());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("3 messages"), run.output());
        assertTrue(run.output().contains("in-scope answered right"), run.output());
        assertTrue(run.output().contains("off-topic declined"), run.output());
        assertTrue(run.output().contains("line 4 [demo_host, fr] missed: la météo de demain à Brest"), run.output());
    }

    @Test
    void a_bad_file_gets_one_line_naming_the_line_and_exit_code_2() throws Exception {
        Path file = dir.resolve("bad.tsv");
        Files.writeString(file, "licence\ten\t-\twhat licence?\ngiter\tfr\t-\tle gitter ?\n");
        ChildRun run = TestContent.runMain(Map.of(), "evaluate", file.toString());
        assertEquals(2, run.exitCode(), run.output());
        assertEquals("tock-community-bot evaluate: " + file + ":2: 'giter' is not a topic of the bot"
                + " (expected a topic id, off-topic, or two topics joined by +)", run.output().strip());
    }

    @Test
    void a_missing_file_gets_one_line_and_exit_code_2() throws Exception {
        ChildRun run = TestContent.runMain(Map.of(), "evaluate", dir.resolve("none.tsv").toString());
        assertEquals(2, run.exitCode(), run.output());
        assertEquals(1, run.output().strip().lines().count(), run.output());
        assertTrue(run.output().contains("none.tsv: cannot be read"), run.output());
    }
}
