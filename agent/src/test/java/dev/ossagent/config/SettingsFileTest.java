package dev.ossagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ossagent.it.Fifo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The settings file named by the agent argument, and every way it can be unusable: one line each. */
class SettingsFileTest {
    @TempDir
    Path dir;

    private String fails(String argument) {
        SettingsException e = assertThrows(SettingsException.class,
                () -> Settings.parse(RawSettings.load(argument, Map.of(), new Properties())));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void noAgentArgumentSaysHowToPassOne() {
        assertEquals("no settings file was given and no ossagent.* setting is in the environment or -D; name the"
                + " file after the jar: -javaagent:/path/to/oss-agent.jar=/path/to/oss-agent.properties", fails(null));
        assertTrue(fails("  ").startsWith("no settings file was given"));
    }

    @Test
    void noAgentArgumentIsFineWhenTheEnvironmentHoldsTheSettings() throws Exception {
        Settings settings = Settings.parse(RawSettings.load(null, Map.of("OSSAGENT_TARGET_CLASS", "com.example.T",
                "OSSAGENT_MODEL_BUCKET", "models-1"), new Properties()));
        assertEquals("models-1", settings.modelBucket());
    }

    @Test
    void noAgentArgumentWithSomeSettingsNamesTheMissingOneAndTheArgument() {
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.parse(
                RawSettings.load(null, Map.of("OSSAGENT_TARGET_CLASS", "com.example.T"), new Properties())));
        assertEquals("ossagent.model.bucket is not set (no settings file was given: -javaagent:/path/to/oss-agent.jar"
                + "=/path/to/oss-agent.properties); name the OSS bucket, for example ossagent.model.bucket=my-bucket",
                e.getMessage());
    }

    @Test
    void pathThatDoesNotExist() {
        Path missing = dir.resolve("nope.properties");
        assertEquals("settings file " + missing + " does not exist; give the path of an oss-agent.properties file:"
                + " -javaagent:/path/to/oss-agent.jar=/path/to/oss-agent.properties", fails(missing.toString()));
    }

    @Test
    void relativeArgumentIsShownAbsolute() {
        String message = fails("no-such-dir/oss-agent.properties");
        assertTrue(message.startsWith("settings file " + Path.of("").toAbsolutePath().resolve("no-such-dir/oss-agent.properties")),
                message);
    }

    @Test
    void folder() {
        assertEquals("settings file " + dir + " is a folder; give the path of the oss-agent.properties file inside it",
                fails(dir.toString()));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void namedPipeIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("settings.fifo");
        assumeTrue(Fifo.make(fifo), "mkfifo is not available");
        // Opening a pipe with no writer blocks: the timeout fails this test if the agent ever tried.
        assertEquals("settings file " + fifo + " is not a regular file (a named pipe, socket or device); give the"
                + " path of an oss-agent.properties file", fails(fifo.toString()));
    }

    @Test
    void deviceIsRefused() {
        assumeTrue(Files.exists(Path.of("/dev/null")));
        assertTrue(fails("/dev/null").contains("is not a regular file"));
    }

    @Test
    void aHugeFileIsTheWrongFile() throws Exception {
        Path big = dir.resolve("rssm_model.pt");
        Files.write(big, new byte[2 * 1024 * 1024]);
        assertEquals("settings file " + big + " is 2097152 bytes, too large for a settings file; give the path of the"
                + " oss-agent.properties file (is it the model?)", fails(big.toString()));
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.writeString(dir.resolve("oss-agent.properties"), "\uFEFF \n\n");
        assertEquals("settings file " + file + " is empty; see oss-agent.example.properties for the settings it needs",
                fails(file.toString()));
    }

    @Test
    void badUnicodeEscape() throws Exception {
        Path file = Files.writeString(dir.resolve("oss-agent.properties"), "ossagent.state.dir=C:\\users\\me\n");
        assertEquals("settings file " + file + " is malformed: Malformed \\uxxxx encoding. (a backslash starts an escape;"
                + " write Windows paths with / or \\\\)", fails(file.toString()));
    }

    @Test
    void latin1FileNamesTheLine() throws Exception {
        Path file = dir.resolve("oss-agent.properties");
        Files.write(file, "ossagent.target.class=T\n# mod\u00e8les\nossagent.model.bucket=b-1\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("settings file " + file + " is not UTF-8 (line 2 has a byte that is not UTF-8, e.g. Latin-1 or GBK"
                + " text); save it as UTF-8", fails(file.toString()));
    }

    @Test
    void argumentThatIsNotAPath() {
        String message = fails("oss-agent\u0000.properties");
        assertTrue(message.startsWith("settings file oss-agent\\u0000.properties is not a valid path ("), message);
    }
}
