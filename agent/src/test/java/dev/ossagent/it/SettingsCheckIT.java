package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22.4: {@code java -jar oss-agent.jar test} fails (exit 12) on what the agent would only warn about and
 * then upload wrongly, and shows every setting in force with its source.
 */
class SettingsCheckIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");
    private static final String ERROR = "[oss-agent] ERROR settings that will not do what they say: ";

    @TempDir
    Path dir;

    private JvmRun.Result test(TrainerFixture fixture, String... args) throws Exception {
        JvmRun run = new JvmRun(JAVA, dir).launch("-jar", Artifacts.agentJar().toString());
        for (String arg : args) {
            if (arg.startsWith("-D")) {
                run.jvmArgs(arg);
            }
        }
        run.args("test", "--config", fixture.settingsFile.toString());
        for (String arg : args) {
            if (!arg.startsWith("-D") && !arg.contains("=")) {
                run.args(arg);
            } else if (!arg.startsWith("-D")) {
                run.env(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return run.run();
    }

    @Test
    void aMisspeltNameFailsTest() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Files.writeString(dir.resolve("training_episodes.json"), "[]");
            fixture.writeSettings("ossagent.model.prefx=runs/");
            JvmRun.Result result = test(fixture);
            assertEquals(12, result.exitCode, result.toString());
            assertTrue(result.stderr.contains(ERROR + "unknown setting ossagent.model.prefx in " + fixture.settingsFile
                    + " is ignored; did you mean ossagent.model.prefix?"), result.stderr);
            assertTrue(result.stdout.contains("FAILED (exit code 12)"), result.stdout);
        }
    }

    @Test
    void aDataFileThatMatchesNothingFailsTest() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.data.files=training_epsiodes.json");
            JvmRun.Result result = test(fixture);
            assertEquals(12, result.exitCode, result.toString());
            assertTrue(result.stderr.contains(ERROR + "ossagent.data.files entry \"training_epsiodes.json\" matches"
                    + " nothing (" + dir.resolve("training_epsiodes.json") + " does not exist)"), result.stderr);
        }
    }

    @Test
    void modelFilesAreCheckedAgainstAGivenModelPath() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Files.writeString(dir.resolve("training_episodes.json"), "[]");
            Files.createDirectories(dir.resolve("models"));
            Files.writeString(dir.resolve("models/rssm_model.pt"), "m");
            JvmRun.Result result = test(fixture, "--model", "models/rssm_model.pt");
            assertEquals(12, result.exitCode, result.toString());
            assertTrue(result.stderr.contains(ERROR + "ossagent.model.files entry \"models/scaler.pkl\" matches nothing"),
                    result.stderr);
        }
    }

    @Test
    void everySettingInForceIsShownWithItsSourceAndKeysMasked() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Files.writeString(dir.resolve("training_episodes.json"), "[]");
            String keyLike = "Xq7Lm2Np9Rt4Vw8Yz3Ab";
            JvmRun.Result result = test(fixture, "-Dossagent.upload.mode=sync", "OSSAGENT_CREDENTIALS_STS_ENDPOINT=" + keyLike);
            assertEquals(0, result.exitCode, result.toString());
            assertTrue(result.stdout.lines().anyMatch(line -> line.matches("  ossagent\\.upload\\.mode +=  ?sync  \\(-D\\)")),
                    result.stdout);
            assertTrue(result.stdout.lines().anyMatch(line -> line.matches("  ossagent\\.model\\.bucket += "
                    + TrainerFixture.MODEL_BUCKET + "  \\(file " + fixture.settingsFile + "\\)")), result.stdout);
            assertTrue(result.stdout.lines().anyMatch(line -> line.matches("  ossagent\\.preflight += off  \\(file .*\\)")),
                    result.stdout);
            assertTrue(result.stdout.lines().anyMatch(line -> line.matches("  ossagent\\.retry\\.max-time += 15m  \\(default\\)")),
                    result.stdout);
            assertTrue(result.stdout.lines().anyMatch(line -> line.startsWith("  ossagent.credentials.sts-endpoint")
                    && line.endsWith("(20 characters, not shown: it could be a key)  (environment OSSAGENT_CREDENTIALS_STS_ENDPOINT)")),
                    result.stdout);
            assertFalse(result.stdout.contains(keyLike));
        }
    }

    /** Issue 22.3: upload --run ID joins a run; an id that cannot be one is a usage error naming the setting. */
    @Test
    void uploadRunTakesAValidRunIdOnly() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Files.writeString(dir.resolve("extra.bin"), "x");
            JvmRun.Result result = new JvmRun(JAVA, dir).launch("-jar", Artifacts.agentJar().toString())
                    .args("upload", "--config", fixture.settingsFile.toString(), "--run", "a/b", "--model", "extra.bin").run();
            assertEquals(2, result.exitCode, result.toString());
            assertTrue(result.stderr.startsWith("[oss-agent] ERROR ossagent.run.id=a/b cannot be a run id: it holds a /"),
                    result.stderr);
        }
    }
}
