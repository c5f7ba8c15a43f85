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
 * A key limited to PutObject and the multipart actions (issue 21, point 2), as a training job's RAM policy often
 * is: no ListObjects, no GetObject (so no HEAD), no ListParts. The agent, {@code upload}, {@code resume} and
 * {@code test} work with it, in real JVMs against local-oss answering AccessDenied as OSS does.
 */
class LeastPrivilegeIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");
    private static final String MULTIPART = "ossagent.multipart.threshold=1MiB\nossagent.multipart.part-size=1MiB\n"
            + "ossagent.multipart.threads=2\nossagent.retry.backoff=20ms\n";

    @TempDir
    Path dir;

    private Path stored(TrainerFixture fixture, String bucket, String key) {
        return fixture.server.root().resolve(bucket).resolve(key);
    }

    private void assertSame(TrainerFixture fixture, Path file, String bucket, String key) throws Exception {
        assertEquals(-1, Files.mismatch(file, stored(fixture, bucket, key)), key);
    }

    private JvmRun cli(String... args) {
        return new JvmRun(JAVA, dir).launch("-jar", Artifacts.agentJar().toString()).args(args);
    }

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }

    @Test
    void theAgentAndUploadWorkWithAPutOnlyKeySayingOnceWhatItMayNotDo() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir, "put-only")) {
            fixture.writeSettings(MULTIPART);
            JvmRun.Result result = fixture.trainer(JAVA, "--pad-model-mb", "3").run();

            SecretWatch.check(result.stdout + result.stderr);
            assertEquals(0, result.exitCode, result.toString());
            assertSame(fixture, dir.resolve("models/rssm_model.pt"), TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt");
            assertSame(fixture, dir.resolve("models/scaler.pkl"), TrainerFixture.MODEL_BUCKET, "models/scaler.pkl");
            assertSame(fixture, dir.resolve("training_episodes.json"), TrainerFixture.DATA_BUCKET,
                    "training-data/training_episodes.json");
            assertTrue(Files.exists(stored(fixture, TrainerFixture.MODEL_BUCKET, "models/oss-agent-manifest.json")));
            assertEquals(1, count(result.stderr, "this key may not read an object's metadata (HEAD"), result.stderr);
            assertFalse(result.stderr.contains("ERROR"), result.stderr);
            assertFalse(result.stderr.contains("retry"), result.stderr);

            Path extra = Files.write(dir.resolve("extra.bin"), new byte[3 << 20]);
            JvmRun.Result upload = cli("upload", "--config", fixture.settingsFile.toString(), "--model",
                    extra.toString()).run();
            SecretWatch.check(upload.stdout + upload.stderr);
            assertEquals(0, upload.exitCode, upload.toString());
            assertSame(fixture, extra, TrainerFixture.MODEL_BUCKET, "models/extra.bin");
        }
    }

    @Test
    void resumeWithoutListPartsSendsTheMultipartUploadAgainWithOneLine() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir, "put-only")) {
            fixture.writeSettings(MULTIPART);
            fixture.server.faults().delayMillis(120);
            JvmRun.Started trainer = fixture.trainer(JAVA, "--pad-model-mb", "32").start();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (fixture.server.requestLog().stream().filter(line -> line.contains("partNumber=")
                    && line.endsWith("-> 200")).count() < 6) {
                assertTrue(System.nanoTime() < deadline, "parts should be arriving: " + trainer.stderrSoFar());
                Thread.sleep(20);
            }
            trainer.kill();
            fixture.server.faults().clear();

            JvmRun.Result resumed = cli("resume", "--config", fixture.settingsFile.toString()).run();

            SecretWatch.check(resumed.stdout + resumed.stderr);
            assertEquals(0, resumed.exitCode, resumed.toString());
            assertSame(fixture, dir.resolve("models/rssm_model.pt"), TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt");
            assertEquals(1, count(resumed.stderr, "may not list the parts of"), resumed.stderr);
        }
    }

    @Test
    void testSaysWhichActionsTheKeyMayDo() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir, "put-only")) {
            JvmRun.Result result = cli("test", "--config", fixture.settingsFile.toString()).run();
            SecretWatch.check(result.stdout + result.stderr);
            assertTrue(result.stdout.contains("may:       list no (AccessDenied), head no (AccessDenied), put yes,"
                    + " multipart yes"), result.toString());
        }
    }
}
