package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.cli.CliContext;
import dev.ossagent.cli.OssAgentCli;
import dev.ossagent.journal.PendingCount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers that survive, with the demo trainer in a real JVM under the agent jar and local-oss in this JVM:
 * a flaky network, kill -9 in the middle of a multipart upload, the exit timeout, a wrong key. What the
 * trainer JVM leaves behind is finished by {@code resume}, run in-process.
 */
class TransfersIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");
    private static final long MIB = 1L << 20;
    private static final String MODEL = "models/rssm_model.pt";

    @TempDir
    Path dir;

    private Path model() {
        return dir.resolve(MODEL);
    }

    private void assertAllThreeArrived(TrainerFixture fixture) throws IOException {
        assertTrue(Files.mismatch(model(), stored(fixture, TrainerFixture.MODEL_BUCKET, MODEL)) == -1, "model bytes");
        assertTrue(Files.mismatch(dir.resolve("models/scaler.pkl"),
                stored(fixture, TrainerFixture.MODEL_BUCKET, "models/scaler.pkl")) == -1, "scaler bytes");
        assertTrue(Files.mismatch(dir.resolve("training_episodes.json"),
                stored(fixture, TrainerFixture.DATA_BUCKET, "training-data/training_episodes.json")) == -1, "data bytes");
    }

    /** local-oss keeps objects as plain files. */
    private static Path stored(TrainerFixture fixture, String bucket, String key) {
        return fixture.server.root().resolve(bucket).resolve(key);
    }

    private String manifest(TrainerFixture fixture) throws IOException {
        Path file = stored(fixture, TrainerFixture.MODEL_BUCKET, "models/oss-agent-manifest.json");
        assertTrue(Files.exists(file), "manifest written");
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static long partsStored(TrainerFixture fixture) {
        return fixture.server.requestLog().stream()
                .filter(line -> line.startsWith("PUT ") && line.contains("partNumber=") && line.endsWith("-> 200"))
                .count();
    }

    /** {@code java -jar oss-agent.jar resume --config <settings>}, in-process. */
    private CliRun resume(TrainerFixture fixture, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), new Properties(), dir, false);
        String[] args = new String[3 + more.length];
        args[0] = "resume";
        args[1] = "--config";
        args[2] = fixture.settingsFile.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        int code = OssAgentCli.run(context, args);
        CliRun run = new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        SecretWatch.check(run.out + run.err);
        return run;
    }

    private record CliRun(int code, String out, String err) {
    }

    @Test
    void onAFlakyNetworkEveryFileArrivesByteIdenticalWithItsManifest() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(String.join("\n", "ossagent.multipart.threshold=256KiB",
                    "ossagent.multipart.part-size=100KiB", "ossagent.multipart.threads=2", "ossagent.retry.backoff=20ms",
                    "ossagent.retry.max-attempts=30"));
            fixture.server.faults().failRatio(0.2).resetRatio(0.2);

            JvmRun.Result result = fixture.trainer(JAVA, "--pad-model-mb", "2").run();

            assertEquals(0, result.exitCode, result.toString());
            assertAllThreeArrived(fixture);
            List<String> log = fixture.server.requestLog();
            assertTrue(log.stream().anyMatch(line -> line.endsWith("-> 503")), "faults were injected: " + log);
            assertTrue(result.stderr.contains("retry 1 of 29"), result.stderr);
            String manifest = manifest(fixture);
            assertTrue(manifest.contains("\"trainer\": \"dev.ossagent.demo.DemoTrainer#train\""), manifest);
            assertTrue(manifest.contains("\"sha256\": \"" + TrainerFixture.sha256(model()) + "\""), manifest);
            assertTrue(manifest.contains("\"key\": \"training-data/training_episodes.json\""), manifest);
            assertEquals(0, PendingCount.files(dir.resolve("state")), "nothing left in the journal");
        }
    }

    @Test
    void killDashNineMidMultipartThenResumeSendsOnlyWhatIsMissing() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(String.join("\n", "ossagent.multipart.threshold=1MiB",
                    "ossagent.multipart.part-size=1MiB", "ossagent.multipart.threads=2", "ossagent.retry.backoff=20ms"));
            fixture.server.faults().delayMillis(120);
            JvmRun.Started trainer = fixture.trainer(JAVA, "--pad-model-mb", "64").start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (partsStored(fixture) < 12) {
                assertTrue(System.nanoTime() < deadline, "parts should be arriving: " + trainer.stderrSoFar());
                Thread.sleep(20);
            }
            Thread.sleep(60); // mid-way through the next parts' server delay, not the client's bookkeeping
            trainer.kill();
            fixture.server.faults().clear();
            long stored = partsStored(fixture);
            long size = Files.size(model());
            assertTrue(stored < 64, "killed mid-upload: " + stored + " parts stored");
            assertTrue(PendingCount.files(dir.resolve("state")) >= 1, "the journal holds the model");

            long before = fixture.server.bytesReceived();
            CliRun resumed = resume(fixture);
            long sent = fixture.server.bytesReceived() - before;

            assertEquals(0, resumed.code, resumed.toString());
            assertAllThreeArrived(fixture);
            assertTrue(resumed.err.contains("parts (") && resumed.err.contains("are already in OSS"), resumed.err);
            long otherFiles = 2 * MIB; // scaler, episodes, manifest, complete XML: far less than this
            long mayRepeat = 2 * MIB; // parts stored in the instant of the kill, before the checkpoint noted them
            assertTrue(sent <= size - stored * MIB + mayRepeat + otherFiles,
                    "resume sent " + sent + " bytes; " + stored + " of 64 parts were already stored");
            assertTrue(sent < size, "resume sent less than the model: " + sent);
            assertTrue(manifest(fixture).contains("\"sha256\": \"" + TrainerFixture.sha256(model()) + "\""));
            assertEquals(0, PendingCount.files(dir.resolve("state")));
            assertEquals(1, fixture.server.requestLog().stream()
                    .filter(line -> line.startsWith("POST ") && line.contains("rssm_model.pt?uploads")).count(),
                    "resume went on with the multipart upload begun before the kill");
        }
    }

    @Test
    void atTheExitTimeoutTheJournalKeepsTheRestAndResumeFinishesIt() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(String.join("\n", "ossagent.exit.timeout=2s", "ossagent.multipart.threshold=1MiB",
                    "ossagent.multipart.part-size=1MiB", "ossagent.multipart.threads=1", "ossagent.progress.interval=1s"));
            fixture.server.faults().delayMillis(800);

            JvmRun.Result result = fixture.trainer(JAVA, "--pad-model-mb", "8").run();

            assertEquals(0, result.exitCode, "the trainer's own exit code: " + result);
            assertTrue(partsStored(fixture) < 8, "the JVM did not wait for every part: " + partsStored(fixture));
            assertTrue(result.stderr.contains("exit timeout (ossagent.exit.timeout=2s) reached with 3 file(s)"),
                    result.stderr);
            assertTrue(result.stderr.contains("keeps them; finish with: java -jar " + Artifacts.agentJar()
                    + " resume --config " + fixture.settingsFile), result.stderr);
            assertTrue(result.stderr.contains("(until "), "the deadline is shown: " + result.stderr);
            assertEquals(3, PendingCount.files(dir.resolve("state")));

            fixture.server.faults().clear();
            CliRun resumed = resume(fixture);

            assertEquals(0, resumed.code, resumed.toString());
            assertTrue(resumed.out.contains("resume: 3 file(s) uploaded, 0 already in OSS, 0 left in the journal;"
                    + " 1 manifest(s) written"), resumed.out);
            assertAllThreeArrived(fixture);
            manifest(fixture);
            assertEquals(0, PendingCount.files(dir.resolve("state")));
            CliRun again = resume(fixture);
            assertEquals(0, again.code);
            assertTrue(again.out.contains("nothing to resume"), again.out);
        }
    }

    @Test
    void aWrongKeyIsOneRequestAndOneLineAndTheJournalKeepsEverything() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.retry.backoff=20ms");
            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.WRONG_SECRET);

            JvmRun.Result result = fixture.trainer(JAVA).run();

            assertEquals(0, result.exitCode, result.toString());
            assertEquals(1, fixture.server.requestCount(), "no retry storm: " + fixture.server.requestLog());
            assertEquals(1, result.stderr.lines().filter(line -> line.contains("SignatureDoesNotMatch")).count(),
                    result.stderr);
            assertFalse(result.stderr.contains("retry"), result.stderr);
            assertTrue(result.stderr.contains("3 of 3 files from " + model() + " were not uploaded; the upload journal"),
                    result.stderr);
            assertEquals(3, PendingCount.files(dir.resolve("state")));

            JvmRun.Result next = fixture.trainer(JAVA, "--noop").jvmArgs("-Dossagent.dry-run=true").run();
            assertTrue(next.stderr.contains("3 file(s) from earlier runs wait in the upload journal "
                    + dir.resolve("state/journal") + "; finish them with: java -jar "), next.stderr);

            CliRun stillWrong = resume(fixture);
            assertEquals(4, stillWrong.code, "wrong key: " + stillWrong);
            assertEquals(3, PendingCount.files(dir.resolve("state")), "nothing lost");

            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.SECRET);
            CliRun fixed = resume(fixture);
            assertEquals(0, fixed.code, fixed.toString());
            assertAllThreeArrived(fixture);
            manifest(fixture);
        }
    }

    @Test
    void aModelOfHundredsOfMebibytesNeedsNoMoreHeap() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.data.files=");

            JvmRun.Result result = fixture.trainer(JAVA, "--pad-model-mb", "160").jvmArgs("-Xmx32m").run();

            assertEquals(0, result.exitCode, result.toString());
            assertFalse(result.stderr.contains("OutOfMemoryError"), result.stderr);
            assertTrue(Files.mismatch(model(), stored(fixture, TrainerFixture.MODEL_BUCKET, MODEL)) == -1);
            assertTrue(partsStored(fixture) == 20, "160 MiB in 8 MiB parts: " + partsStored(fixture));
        }
    }
}
