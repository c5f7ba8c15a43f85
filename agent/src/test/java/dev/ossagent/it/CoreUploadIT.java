package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo trainer in a real JVM under the real agent jar, against local-oss on loopback. */
class CoreUploadIT {
    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private void assertThreeObjectsArrived(TrainerFixture fixture) throws Exception {
        assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"));
        assertEquals(TrainerFixture.sha256(dir.resolve("models/scaler.pkl")),
                fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/scaler.pkl"));
        assertEquals(TrainerFixture.sha256(dir.resolve("training_episodes.json")),
                fixture.storedSha256(TrainerFixture.DATA_BUCKET, "training-data/training_episodes.json"));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void modelAndDataLandByteIdenticalAndStdoutIsUntouched(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result plain = fixture.trainerWithoutAgent(java).run();
            JvmRun.Result result = fixture.trainer(java).run();

            assertEquals(0, result.exitCode, result.toString());
            assertThreeObjectsArrived(fixture);
            assertEquals(plain.stdout, result.stdout, "the agent must not touch the trainer's stdout");
            assertTrue(result.stderr.contains("[oss-agent] oss-agent "), result.stderr);
            assertTrue(result.stderr.contains("uploaded hktech-agent-models/models/rssm_model.pt ("), result.stderr);
            assertTrue(result.stderr.contains("credentials: AccessKey.csv"), result.stderr);
            assertTrue(result.stderr.contains("****0001"), result.stderr);
            assertEquals("", TrainerFixture.withoutAgentLines(result.stderr).trim(), "agent output is prefixed");
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void systemExitRightAfterTrainStillUploads(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result result = fixture.trainer(java, "--exit-after-train").run();

            assertEquals(0, result.exitCode, result.toString());
            assertThreeObjectsArrived(fixture);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void syncModeUploadsBeforeTrainReturns(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.upload.mode=sync");
            JvmRun.Result result = fixture.trainer(java, "--exit-after-train").run();

            assertEquals(0, result.exitCode, result.toString());
            assertThreeObjectsArrived(fixture);
            assertTrue(!result.stderr.contains("waiting up to"), "sync mode has nothing left at exit: " + result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void trainThatThrowsUploadsNothingAndFailsExactlyAsWithoutTheAgent(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result plain = fixture.trainerWithoutAgent(java, "--throw").run();
            JvmRun.Result result = fixture.trainer(java, "--throw").run();

            assertEquals(plain.exitCode, result.exitCode);
            assertEquals(1, result.exitCode);
            assertEquals(plain.stdout, result.stdout);
            assertEquals(plain.stderr, TrainerFixture.withoutAgentLines(result.stderr),
                    "same exception text and stack trace");
            assertTrue(result.stderr.contains("training diverged (requested by --throw)"));
            assertEquals(0, fixture.server.requestCount(), "nothing uploaded");
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void wrongSecretIsOneClearLineNamingTheSourceAndTheExitCodeIsUnchanged(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.WRONG_SECRET);
            JvmRun.Result result = fixture.trainer(java).run();

            assertEquals(0, result.exitCode, result.toString());
            List<String> errors = result.stderr.lines().filter(line -> line.contains("SignatureDoesNotMatch")).toList();
            assertEquals(1, errors.size(), result.stderr);
            assertTrue(errors.get(0).contains("AccessKey.csv"), errors.get(0));
            assertTrue(errors.get(0).contains("****0001"), errors.get(0));
            assertTrue(fixture.server.requestCount() >= 1, "local-oss was asked and said no");
            // JvmRun checked that neither secret appears in stdout or stderr.
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void disabledByFlagOrEnvironmentNeverContactsTheServer(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result byFlag = fixture.trainer(java).jvmArgs("-Dossagent.enabled=false").run();
            JvmRun.Result byEnv = fixture.trainer(java).env("OSSAGENT_ENABLED", "false").run();

            assertEquals(0, byFlag.exitCode, byFlag.toString());
            assertEquals(0, byEnv.exitCode, byEnv.toString());
            assertTrue(byFlag.stderr.contains("disabled"), byFlag.stderr);
            assertTrue(byEnv.stderr.contains("disabled"), byEnv.stderr);
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void recursiveTrainUploadsOnceForTheOutermostCall(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.target.class=dev.ossagent.demo.RecursiveTrainer\n"
                    + "ossagent.model.files=${model}\nossagent.data.files=");
            JvmRun.Result result = fixture.trainer(java, "--trainer", "recursive", "--depth", "4").run();

            assertEquals(0, result.exitCode, result.toString());
            assertEquals(TrainerFixture.sha256(dir.resolve("recursive-model.bin")),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/recursive-model.bin"));
            assertEquals(1, result.stderr.lines().filter(line -> line.contains("uploaded ")).count(), result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void subclassCallingSuperTrainUploadsOnce(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.target.class=dev.ossagent.demo.DemoTrainer,dev.ossagent.demo.SubclassTrainer\n"
                    + "ossagent.data.files=");
            JvmRun.Result result = fixture.trainer(java, "--trainer", "subclass").run();

            assertEquals(0, result.exitCode, result.toString());
            assertEquals(2, result.stderr.lines().filter(line -> line.contains("uploaded ")).count(), result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void trainerLoadedByALoaderThatDoesNotDelegateToTheAppLoaderStillUploads(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path testClasses = Paths.get(IsolatedLoaderMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            JvmRun.Result result = new JvmRun(java, dir)
                    .jvmArgs(fixture.agentArg()).launch("-cp", testClasses.toString(), IsolatedLoaderMain.class.getName())
                    .args(Artifacts.trainerJar().toString(), "dev.ossagent.demo.DemoTrainerMain", "--data-dir", dir.toString())
                    .run();

            assertEquals(0, result.exitCode, result.toString());
            assertThreeObjectsArrived(fixture);
        }
    }
}
