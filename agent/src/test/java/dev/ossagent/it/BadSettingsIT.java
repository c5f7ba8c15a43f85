package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad settings in a real JVM: each case is one line on stderr naming what is wrong, and the trainer
 * runs exactly as it would without the agent (same stdout, stderr, exit code).
 */
class BadSettingsIT {
    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private static JvmRun demo(Path java, Path dir, String agentArgument) {
        return new JvmRun(java, dir).jvmArgs("-javaagent:" + Artifacts.agentJar() + agentArgument)
                .launch("-jar", Artifacts.trainerJar().toString()).args("--data-dir", dir.toString(), "--epochs", "1");
    }

    private static JvmRun demoWithoutAgent(Path java, Path dir) {
        return new JvmRun(java, dir).launch("-jar", Artifacts.trainerJar().toString())
                .args("--data-dir", dir.toString(), "--epochs", "1");
    }

    /** Runs the demo trainer with and without the agent; returns the agent's one problem line. */
    private String onlyProblem(Path java, String agentArgument) throws Exception {
        JvmRun.Result result = Unchanged.trainer(demoWithoutAgent(java, dir), demo(java, dir, agentArgument));
        List<String> problems = Unchanged.problems(result.stderr);
        assertEquals(1, problems.size(), result.stderr);
        return problems.get(0);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void noAgentArgumentSaysHowToPassOne(Path java) throws Exception {
        assertEquals("ERROR no settings file was given and no ossagent.* setting is in the environment or -D; name the"
                + " file after the jar: -javaagent:/path/to/oss-agent.jar=/path/to/oss-agent.properties; the trainer"
                + " runs on without automatic upload", onlyProblem(java, ""));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void settingsFileThatDoesNotExist(Path java) throws Exception {
        assertEquals("ERROR settings file " + dir.resolve("oss-agent.properties") + " does not exist; give the path of an"
                + " oss-agent.properties file: -javaagent:/path/to/oss-agent.jar=/path/to/oss-agent.properties;"
                + " the trainer runs on without automatic upload", onlyProblem(java, "=oss-agent.properties"));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void settingsFileThatIsAFolder(Path java) throws Exception {
        Files.createDirectory(dir.resolve("conf"));
        assertTrue(onlyProblem(java, "=" + dir.resolve("conf")).startsWith("ERROR settings file " + dir.resolve("conf")
                + " is a folder; give the path of the oss-agent.properties file inside it"));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void settingsFileThatIsANamedPipeDoesNotHangTheTrainer(Path java) throws Exception {
        Path fifo = dir.resolve("oss-agent.properties");
        assumeTrue(Fifo.make(fifo), "mkfifo is not available");
        assertTrue(onlyProblem(java, "=" + fifo).startsWith("ERROR settings file " + fifo
                + " is not a regular file (a named pipe, socket or device)"));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void emptySettingsFile(Path java) throws Exception {
        Path file = Files.writeString(dir.resolve("oss-agent.properties"), "\n");
        assertTrue(onlyProblem(java, "=" + file).startsWith("ERROR settings file " + file + " is empty;"));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void malformedSettingsFile(Path java) throws Exception {
        Path file = Files.writeString(dir.resolve("oss-agent.properties"),
                "ossagent.target.class=dev.ossagent.demo.DemoTrainer\nossagent.state.dir=C:\\users\\me\\.oss-agent\n");
        assertTrue(onlyProblem(java, "=" + file).startsWith("ERROR settings file " + file
                + " is malformed: Malformed \\uxxxx encoding. (a backslash starts an escape;"));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void settingsFileInLatin1(Path java) throws Exception {
        Path file = Files.write(dir.resolve("oss-agent.properties"),
                "ossagent.target.class=dev.ossagent.demo.DemoTrainer\nossagent.model.prefix=mod\u00e8les/\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(onlyProblem(java, "=" + file).startsWith("ERROR settings file " + file
                + " is not UTF-8 (line 2 has a byte that is not UTF-8"));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void unparseableDuration(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.exit.timeout=soon");
            assertEquals("ERROR ossagent.exit.timeout=soon is not a duration; write for example 90s, 30m or 2h; the"
                    + " trainer runs on without automatic upload", onlyProblem(java, "=" + fixture.settingsFile));
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void invalidBucketNameIsCaughtBeforeAnyRequest(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.model.bucket=HKTech_Models");
            assertTrue(onlyProblem(java, "=" + fixture.settingsFile).startsWith("ERROR ossagent.model.bucket=HKTech_Models"
                    + " is not a valid bucket name: only lower-case letters, digits and '-' are allowed (found 'H')"));
            assertEquals(0, fixture.server.requestCount());
        }
    }

    /** A JVM that never loads a target (the agent attached to an unrelated tool) does not parse the rest. */
    @ParameterizedTest
    @MethodSource("jdks")
    void settingsBeyondTheTargetAreCheckedOnlyWhenATargetLoads(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.model.bucket=HKTech_Models\nossagent.target.class=com.example.NeverLoaded");
            String problem = onlyProblem(java, "=" + fixture.settingsFile);
            assertTrue(problem.startsWith("WARN target class com.example.NeverLoaded was never loaded in this JVM"), problem);
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void malformedEndpoint(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.endpoint=http//oss-cn-beijing.aliyuncs.com");
            assertTrue(onlyProblem(java, "=" + fixture.settingsFile).startsWith(
                    "ERROR ossagent.endpoint=http//oss-cn-beijing.aliyuncs.com is not a valid endpoint: the scheme is misspelt"));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void targetClassMissing(Path java) throws Exception {
        Path file = Files.writeString(dir.resolve("oss-agent.properties"), "ossagent.model.bucket=hktech-agent-models\n");
        assertEquals("ERROR ossagent.target.class is not set in " + file + "; name the trainer class, for example"
                + " ossagent.target.class=com.example.Trainer, or a library with ossagent.preset (xgboost4j, spark-ml, tribuo,"
                + " smile, dl4j, djl); the trainer runs on without automatic upload",
                onlyProblem(java, "=" + file));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void classThatNeverLoadsIsSaidOnceAtExit(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.target.class=dev.ossagent.demo.DemoTrainr");
            String problem = onlyProblem(java, "=" + fixture.settingsFile);
            assertTrue(problem.startsWith("WARN target class dev.ossagent.demo.DemoTrainr was never loaded in this JVM;"
                    + " nothing was instrumented. Check ossagent.target.class"), problem);
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void methodTheClassDoesNotDeclareIsSaidWhenItLoads(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.target.method=trainModel");
            JvmRun.Result result = Unchanged.trainer(demoWithoutAgent(java, dir), demo(java, dir, "=" + fixture.settingsFile));
            List<String> problems = Unchanged.problems(result.stderr);
            assertEquals(List.of("WARN dev.ossagent.demo.DemoTrainer declares no trainModel(...) method; nothing to instrument."
                    + " Check ossagent.target.method"), problems);
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void voidAndPrimitiveReturnsAreSaidWhenTheClassLoads(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path classes = Paths.get(dev.ossagent.it.fixture.OddTrainerMain.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            for (String kind : new String[] {"void", "int"}) {
                String method = kind.equals("void") ? "trainVoid" : "trainInt";
                fixture.writeSettings("ossagent.target.class=dev.ossagent.it.fixture.OddTrainer\nossagent.target.method="
                        + method);
                JvmRun.Result result = Unchanged.trainer(
                        new JvmRun(java, dir).launch("-cp", classes.toString(), "dev.ossagent.it.fixture.OddTrainerMain").args(kind),
                        new JvmRun(java, dir).jvmArgs(fixture.agentArg())
                                .launch("-cp", classes.toString(), "dev.ossagent.it.fixture.OddTrainerMain").args(kind));
                assertEquals(7, result.exitCode);
                assertEquals(List.of("WARN dev.ossagent.it.fixture.OddTrainer#" + method + "() returns " + kind
                        + " and takes no path parameter (String, Path, File or URI); it is not watched. Return the model"
                        + " path from it or pass it in, or set ossagent.target.path"), Unchanged.problems(result.stderr));
            }
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void misspeltKeyIsNamedWithTheNearestAndTheUploadStillRuns(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.modle.prefix=models/");
            JvmRun.Result result = Unchanged.trainer(demoWithoutAgent(java, dir), demo(java, dir, "=" + fixture.settingsFile));
            assertEquals(List.of("WARN unknown setting ossagent.modle.prefix in " + fixture.settingsFile
                    + " is ignored; did you mean ossagent.model.prefix?"), Unchanged.problems(result.stderr));
            assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"));
        }
    }

    /**
     * Mode 000 stops every user but root, and tests run as root: there the JVM drops to user nobody
     * (setpriv), so the kernel really refuses the read, as it would for a trainer running as another user.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void unreadableSettingsFile(Path java) throws Exception {
        Unprivileged run = Unprivileged.in(dir, java);
        Path file = Files.writeString(dir.resolve("oss-agent.properties"), "ossagent.target.class=dev.ossagent.demo.DemoTrainer\n");
        Unprivileged.chmod(file, "---------");
        JvmRun.Result result = Unchanged.trainer(run.demoWithoutAgent(), run.demo("=" + file));
        assertEquals(List.of("ERROR settings file " + file + " cannot be read: permission denied; let the user running the"
                + " trainer read it (chmod 600 and chown to that user); the trainer runs on without automatic upload"),
                Unchanged.problems(result.stderr));
    }
}
