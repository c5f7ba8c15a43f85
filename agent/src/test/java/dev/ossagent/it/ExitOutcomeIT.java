package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the exit hook says and the exit code it leaves, in real trainer JVMs: "uploads finished" only when
 * they did, otherwise the count and the resume command; kill -9 declared safe while it waits; the trainer's
 * exit code unless {@code ossagent.exit.failure-code} asks for another one when uploads failed.
 */
class ExitOutcomeIT {
    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void failedUploadsAreNeverCalledFinishedAndTheTrainersExitCodeStands(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.WRONG_SECRET);

            JvmRun.Result result = fixture.trainer(java).run();

            assertEquals(0, result.exitCode, "the trainer's own exit code by default: " + result);
            assertFalse(result.stderr.contains("uploads finished"), result.stderr);
            assertTrue(result.stderr.contains("exiting with 3 file(s) not uploaded; the upload journal in "
                    + dir.resolve("state/journal") + " keeps them; finish with: java -jar " + Artifacts.agentJar()
                    + " resume --config " + fixture.settingsFile + " -Dossagent.state.dir=" + dir.resolve("state")),
                    result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theOptInFailureCodeReplacesTheExitCodeOnlyWhenUploadsFailed(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.WRONG_SECRET);

            JvmRun.Result failed = fixture.trainer(java).jvmArgs("-Dossagent.exit.failure-code=7").run();

            assertEquals(7, failed.exitCode, failed.toString());
            assertTrue(failed.stderr.contains("exiting with code 7 (ossagent.exit.failure-code)"), failed.stderr);
            assertTrue(failed.stdout.contains("model: "), "the trainer's output is all there: " + failed);

            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.SECRET);
            JvmRun.Result fine = fixture.trainer(java).jvmArgs("-Dossagent.exit.failure-code=7").run();

            assertEquals(0, fine.exitCode, fine.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void whileTheHookWaitsItSaysKillDashNineIsSafeAndThenThatUploadsFinished(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.server.faults().delayMillis(300);

            JvmRun.Result result = fixture.trainer(java).run();

            assertEquals(0, result.exitCode, result.toString());
            assertTrue(result.stderr.contains("to finish uploading before exit; kill -9 is safe: java -jar "
                    + Artifacts.agentJar() + " resume --config " + fixture.settingsFile + " -Dossagent.state.dir="
                    + dir.resolve("state") + " finishes the rest"),
                    result.stderr);
            assertTrue(result.stderr.contains("uploads finished: 3 files verified, manifest " + TrainerFixture.MODEL_BUCKET
                    + "/models/oss-agent-manifest.json written; exiting"), result.stderr);
            assertFalse(result.stderr.contains("not uploaded"), result.stderr);
        }
    }

    /** Issue 22.5: the run's last line says what happened even when the uploads ended before the trainer did. */
    @ParameterizedTest
    @MethodSource("jdks")
    void theLastLineSaysWhatArrivedAlsoWhenExitDidNotWait(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.latest=models/LATEST\nossagent.upload.mode=sync");

            JvmRun.Result result = fixture.trainer(java).run();

            assertEquals(0, result.exitCode, result.toString());
            List<String> lines = Unchanged.agentLines(result.stderr);
            assertEquals("uploads finished: 3 files verified, manifest " + TrainerFixture.MODEL_BUCKET
                    + "/models/oss-agent-manifest.json written, LATEST " + TrainerFixture.MODEL_BUCKET
                    + "/models/LATEST moved", lines.get(lines.size() - 1), result.stderr);
            assertFalse(result.stderr.contains("waiting up to"), "sync: exit had nothing to wait for");
        }
    }
}
