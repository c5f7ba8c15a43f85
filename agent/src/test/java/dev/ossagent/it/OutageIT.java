package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.journal.PendingCount;
import dev.ossagent.localoss.LocalOss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26.1: OSS goes away in the middle of a multipart upload, for longer than the attempts allow
 * (max-attempts=3 with 200 ms back-off gave up after under a second), and comes back on the same port with
 * the same folder. An endpoint that has answered is waited for until ossagent.retry.max-time: the upload
 * completes, byte-identical, and the trainer's exit code is its own.
 */
class OutageIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");
    private static final String MODEL = "models/rssm_model.pt";
    /** Far longer than the give-up of the settings below (3 attempts, 200 ms first back-off: under 1 s). */
    private static final long OUTAGE_MILLIS = 20_000;

    @TempDir
    Path dir;

    @Test
    void anOutageLongerThanTheAttemptsIsRiddenOutAndTheUploadCompletes() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(String.join("\n", "ossagent.multipart.threshold=8MiB", "ossagent.multipart.part-size=8MiB",
                    "ossagent.retry.max-attempts=3", "ossagent.retry.backoff=200ms", "ossagent.exit.timeout=300s"));
            fixture.server.maxBandwidth(40L * 1024 * 1024);
            JvmRun.Started trainer = fixture.trainer(JAVA, "--pad-model-mb", "300").timeoutSeconds(400).start();
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (fixture.server.requestLog().stream().noneMatch(line -> line.startsWith("POST ")
                    && line.contains("rssm_model.pt?uploads"))) {
                assertTrue(System.nanoTime() < deadline, "the multipart upload should begin: " + trainer.stderrSoFar());
                Thread.sleep(20);
            }
            Thread.sleep(3_000);
            int port = fixture.server.port();
            fixture.server.stop();
            Thread.sleep(OUTAGE_MILLIS);
            try (LocalOss back = LocalOss.builder().port(port).root(dir.resolve("oss-root"))
                    .bucket(TrainerFixture.MODEL_BUCKET).bucket(TrainerFixture.DATA_BUCKET)
                    .credentials(SecretWatch.KEY_ID, SecretWatch.SECRET).build().start()) {
                JvmRun.Result result = trainer.await();

                assertEquals(0, result.exitCode, result.toString());
                assertEquals(-1, Files.mismatch(dir.resolve(MODEL),
                        back.root().resolve(TrainerFixture.MODEL_BUCKET).resolve(MODEL)), "byte-identical");
                assertTrue(result.stderr.contains("still uploading: OSS unreachable for "), result.stderr);
                assertTrue(result.stderr.contains("so this is retried until ossagent.retry.max-time"), result.stderr);
                assertTrue(!result.stderr.contains("giving up"), result.stderr);
                assertEquals(0, PendingCount.files(dir.resolve("state")), "nothing left for resume");
                assertTrue(Files.exists(back.root().resolve(TrainerFixture.MODEL_BUCKET)
                        .resolve("models/oss-agent-manifest.json")), "the manifest is written");
            }
        }
    }
}
