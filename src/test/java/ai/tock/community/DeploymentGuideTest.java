package ai.tock.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The deployment guide says what the bot does: the service runs the README's start command. */
class DeploymentGuideTest {

    private static final Path README = Path.of("README.md");
    private static final Path UNIT = Path.of("src/deploy/tock-community-bot.service");

    @Test
    void the_systemd_unit_starts_the_bot_with_the_jvm_options_of_the_readmes_start_command() throws IOException {
        String readme = Files.readString(README);
        Matcher start = Pattern.compile("(?m)^mvn [^\\n]*&& (java [^\\n]*-jar target/tock-community-bot\\.jar)$").matcher(readme);
        assertTrue(start.find(), "the README's start command");
        Matcher execStart = Pattern.compile("(?m)^ExecStart=(\\S+ [^\\n]*)$").matcher(Files.readString(UNIT));
        assertTrue(execStart.find(), "the unit's ExecStart");
        List<String> startOptions = jvmOptions(start.group(1));
        assertFalse(startOptions.isEmpty());
        assertEquals(startOptions, jvmOptions(execStart.group(1)));
        // The benchmarks measure the bot as it is started.
        Matcher bench = Pattern.compile("<bench.serverJvm>([^<]*)</bench.serverJvm>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(bench.find(), "the bench profile's JVM options");
        assertEquals(startOptions, List.of(bench.group(1).trim().split("\\s+")).stream().map(DeploymentGuideTest::archiveByName).toList());
    }

    @Test
    void the_unit_stops_with_sigterm_restarts_on_failure_and_writes_in_bot_data_dir() throws IOException {
        String unit = Files.readString(UNIT);
        assertTrue(unit.contains("\nKillSignal=SIGTERM\n"), unit);
        assertTrue(unit.contains("\nRestart=on-failure\n"), unit);
        assertTrue(unit.contains("\nRestartPreventExitStatus=2\n"), "no restart loop on a bad configuration");
        assertTrue(unit.contains("\nEnvironment=BOT_DATA_DIR=/var/lib/tock-community-bot\n"), unit);
        assertTrue(unit.contains("\nStateDirectory=tock-community-bot\n"), "the data folder is created for the service's user");
    }

    @Test
    void the_readme_shows_the_unit_as_it_is() throws IOException {
        assertTrue(Files.readString(README).contains(Files.readString(UNIT)), "the README's copy of the unit differs from " + UNIT);
    }

    /** The options between the java executable and {@code -jar}. */
    private static List<String> jvmOptions(String command) {
        List<String> words = Arrays.asList(command.trim().split("\\s+"));
        assertTrue(words.get(0).equals("java") || words.get(0).endsWith("/java"), command);
        int jar = words.indexOf("-jar");
        assertTrue(jar > 0, command);
        return words.subList(1, jar).stream().map(DeploymentGuideTest::archiveByName).toList();
    }

    /** The class archive is the one beside each jar: the same file name, in another folder. */
    private static String archiveByName(String option) {
        String archive = "-XX:SharedArchiveFile=";
        return option.startsWith(archive) ? archive + Path.of(option.substring(archive.length())).getFileName() : option;
    }
}
