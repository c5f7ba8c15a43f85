package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.integrity.FileDigest;
import dev.ossagent.localoss.sts.FakeEcsMetadata;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spot-safe training in real JVMs against local-oss, whose bandwidth cap makes a backlog of older saves unable to
 * finish by the deadline: a trainer saves a checkpoint to one path, and 3 s later (its upload under way) twice more,
 * 300 ms apart; then the machine is reclaimed. The checkpoints are as small as still shows the difference (one alone fits the deadline, an
 * older one in flight plus the newest do not), to spare the shared machine.
 */
class PreemptionIT {
    private static final long CAP = 8L << 20; // bytes per second, for every request body together
    private static final String KEY = "models/checkpoint.bin";

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private static String classes() {
        try {
            return Paths.get(dev.ossagent.it.fixture.SpotTrainer.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void settings(TrainerFixture fixture, String extra) throws Exception {
        fixture.writeSettings("ossagent.target.class=dev.ossagent.it.fixture.SpotTrainer\n"
                + "ossagent.target.method=checkpoint\nossagent.model.files=${model}\n"
                + "ossagent.data.files=${modelDir}/episodes.json\nossagent.multipart.threshold=16MiB\n" + extra);
    }

    private static JvmRun.Started saving(TrainerFixture fixture, Path java, Path out, int mib) throws Exception {
        return saving(fixture, java, out, mib, "0");
    }

    /** @param dataMib the data file's size; "0" for a small one */
    private static JvmRun.Started saving(TrainerFixture fixture, Path java, Path out, int mib, String dataMib)
            throws Exception {
        JvmRun.Started trainer = new JvmRun(java, fixture.workDir).jvmArgs(fixture.agentArg())
                .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "false")
                .launch("-cp", classes(), "dev.ossagent.it.fixture.SpotTrainerMain")
                .args(out.toString(), Integer.toString(mib), "3", "300", "3000")
                .args(dataMib.equals("0") ? new String[0] : new String[] {dataMib}).timeoutSeconds(90).start();
        long until = System.nanoTime() + 60_000_000_000L;
        while (!trainer.stdoutSoFar().contains("done saving")) {
            assertTrue(System.nanoTime() < until, "the trainer did not finish saving:\n" + trainer.stderrSoFar());
            Thread.sleep(50);
        }
        return trainer;
    }

    /** Waits until OSS holds the file's bytes at the key or the deadline passes; the moment, or null. */
    private static Instant arrival(TrainerFixture fixture, String bucket, String key, String expected, Instant deadline)
            throws Exception {
        while (Instant.now().isBefore(deadline)) {
            if (expected.equals(fixture.sizeAndCrc(bucket, key))) {
                return Instant.now();
            }
            Thread.sleep(200);
        }
        return null;
    }

    private static String sizeAndCrc(Path file) throws Exception {
        return java.nio.file.Files.size(file) + "/" + Long.toUnsignedString(FileDigest.of(file, null).crc64);
    }

    @Test
    void theSpotNoticeSendsTheNewestCheckpointBeforeTheDeadlineAndWithoutTheFeatureItComesLate() throws Exception {
        Path java = Jdks.all().get(0);
        for (String mode : new String[] {"auto", "off"}) {
            try (TrainerFixture fixture = new TrainerFixture(dir.resolve(mode));
                 FakeEcsMetadata ecs = FakeEcsMetadata.builder(fixture.server).imdsV1Disabled().start()) {
                fixture.server.maxBandwidth(CAP);
                settings(fixture, "ossagent.preemption=" + mode + "\nossagent.preemption.poll=300ms\n"
                        + "ossagent.credentials.ecs-metadata-endpoint=" + ecs.endpoint());
                Path out = dir.resolve(mode).resolve("out");
                JvmRun.Started trainer = saving(fixture, java, out, 52); // 6.5 s at the cap
                Instant deadline = Instant.now().plusSeconds(10);
                ecs.spotTermination(deadline.toString());
                String newest = sizeAndCrc(out.resolve("checkpoint.bin"));
                Instant arrived = arrival(fixture, TrainerFixture.MODEL_BUCKET, KEY, newest, deadline);
                if (mode.equals("auto")) {
                    Thread.sleep(1_000); // the data file follows, time allowing
                    String stderr = trainer.stderrSoFar();
                    JvmRun.Result result = trainer.kill();
                    assertTrue(arrived != null, "the newest checkpoint did not arrive by the deadline:\n" + result);
                    assertTrue(stderr.contains("preemption: ECS spot reclaim notice; deadline "), stderr);
                    assertTrue(stderr.contains("older upload(s) of the same path aborted"), stderr);
                    assertEquals(List.of(), fixture.openUploads(TrainerFixture.MODEL_BUCKET), "no upload left open");
                    assertEquals(TrainerFixture.sha256(out.resolve("checkpoint.bin")),
                            fixture.storedSha256(TrainerFixture.MODEL_BUCKET, KEY), "byte-identical");
                    assertTrue(fixture.storedKeys(TrainerFixture.DATA_BUCKET).contains("training-data/episodes.json"),
                            result.stderr);
                } else {
                    JvmRun.Result result = trainer.kill();
                    assertEquals(null, arrived, "without the feature the backlog goes first:\n" + result);
                    assertTrue(!result.stderr.contains("preemption:"), result.stderr);
                }
                assertNotEquals(0, ecs.spotCount() + (mode.equals("off") ? 1 : 0), "auto polls the notice");
                if (mode.equals("off")) {
                    assertEquals(0, ecs.spotCount(), "off asks nothing");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void sigtermSendsTheNewestCheckpointWithinTheGraceAndKeepsTheExitCode(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.server.maxBandwidth(CAP);
            settings(fixture, "ossagent.preemption.grace=8s");
            Path out = dir.resolve("out");
            JvmRun.Started trainer = saving(fixture, java, out, 40); // 5 s at the cap
            String newest = TrainerFixture.sha256(out.resolve("checkpoint.bin"));
            long start = System.nanoTime();
            trainer.terminate();
            JvmRun.Result result = trainer.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(143, result.exitCode, "the JVM's own exit code for SIGTERM:\n" + result);
            assertTrue(seconds < 9.5, "exit waits until the deadline, not ossagent.exit.timeout: " + seconds + " s");
            assertTrue(result.stderr.contains("preemption: SIGTERM; deadline "), result.stderr);
            assertEquals(newest, fixture.storedSha256(TrainerFixture.MODEL_BUCKET, KEY), result.stderr);
            assertEquals(List.of(), fixture.openUploads(TrainerFixture.MODEL_BUCKET), "no upload left open");
        }
    }

    private JvmRun.Result cli(TrainerFixture fixture, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.add(1, "--config");
        all.add(2, fixture.settingsFile.toString());
        return new JvmRun(Jdks.all().get(0), dir).launch("-jar", Artifacts.agentJar().toString())
                .args(all.toArray(new String[0])).run();
    }

    @Test
    void aPreemptedRunIsMarkedListedDownloadableAndRestorable() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.server.maxBandwidth(CAP);
            settings(fixture, "ossagent.preemption.grace=8s\nossagent.run.id=spot1\n"
                    + "ossagent.model.prefix=models/${run}/\nossagent.latest=models/LATEST.json");
            Path out = dir.resolve("out");
            // 24 MiB of model (3 s at the cap), then 40 MiB of data that cannot make the 8 s grace.
            JvmRun.Started trainer = saving(fixture, Jdks.all().get(0), out, 24, "40");
            trainer.terminate();
            JvmRun.Result result = trainer.await();
            assertEquals(143, result.exitCode, result.toString());
            String manifest = fixture.storedText(TrainerFixture.MODEL_BUCKET, "models/spot1/oss-agent-manifest.json");
            assertTrue(manifest.contains("\"preempted\": true"), manifest);
            assertTrue(manifest.contains("\"missing\": [\"cloud-training/training-data/episodes.json\"]"), manifest);
            assertTrue(fixture.storedText(TrainerFixture.MODEL_BUCKET, "models/LATEST.json").contains("spot1"),
                    "ossagent.latest.preempted defaults to true");

            JvmRun.Result list = cli(fixture, "list", "--runs");
            assertTrue(list.stdout.contains("PREEMPTED"), list.toString());
            JvmRun.Result download = cli(fixture, "download", "spot1", "dl");
            assertEquals(10, download.exitCode, "files are missing:\n" + download);
            assertEquals(TrainerFixture.sha256(out.resolve("checkpoint.bin")),
                    TrainerFixture.sha256(dir.resolve("dl/checkpoint.bin")), "the verified files are fetched");

            settings(fixture, "ossagent.run.id=next\nossagent.model.prefix=models/${run}/\n"
                    + "ossagent.latest=models/LATEST.json\nossagent.restore=latest\nossagent.restore.dir=fresh");
            JvmRun.Result restored = new JvmRun(Jdks.all().get(0), dir).jvmArgs(fixture.agentArg())
                    .launch("-cp", classes(), "dev.ossagent.it.fixture.SpotTrainerMain")
                    .args(dir.resolve("fresh").toString(), "resume").run();
            assertTrue(restored.stdout.contains("resume folder holds: checkpoint.bin"), restored.toString());
            assertEquals(TrainerFixture.sha256(out.resolve("checkpoint.bin")),
                    TrainerFixture.sha256(dir.resolve("fresh/checkpoint.bin")), "a preempted run is restorable");
        }
    }

    /** The small trainer's resume mode under the agent; its wall time. */
    private JvmRun.Result quickRun(TrainerFixture fixture, String extra) throws Exception {
        fixture.writeSettings("ossagent.target.class=dev.ossagent.it.fixture.SpotTrainer\n"
                + "ossagent.target.method=checkpoint\nossagent.model.files=${model}\nossagent.data.files=\n" + extra);
        JvmRun.Result result = new JvmRun(Jdks.all().get(0), dir).jvmArgs(fixture.agentArg())
                .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "false")
                .launch("-cp", classes(), "dev.ossagent.it.fixture.SpotTrainerMain")
                .args(dir.resolve("quick").toString(), "resume").run();
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("train starts"), result.toString());
        return result;
    }

    @Test
    void aMetadataServiceThatIsAbsentImdsV1OnlyOrSlowDelaysNeitherStartNorTrain() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir);
             FakeEcsMetadata v1 = FakeEcsMetadata.builder(fixture.server).imdsV1Only().start();
             FakeEcsMetadata slow = FakeEcsMetadata.builder(fixture.server).answerDelayMillis(2_000).start()) {
            double off = quickRun(fixture, "ossagent.preemption=off").seconds;
            JvmRun.Result absent = quickRun(fixture, "ossagent.credentials.ecs-metadata-endpoint=http://127.0.0.1:1");
            assertTrue(absent.stderr.contains("no ECS metadata service at http://127.0.0.1:1"), absent.stderr);
            JvmRun.Result imdsV1 = quickRun(fixture, "ossagent.preemption.poll=200ms\n"
                    + "ossagent.credentials.ecs-metadata-endpoint=" + v1.endpoint());
            JvmRun.Result late = quickRun(fixture, "ossagent.credentials.ecs-metadata-endpoint=" + slow.endpoint());
            // The slow service takes 4 s for its first answer (token, then notice): none of it on the trainer's time.
            for (JvmRun.Result run : List.of(absent, imdsV1, late)) {
                assertTrue(run.seconds < off + 2.0, "without the watcher " + off + " s, with it " + run.seconds + " s:\n"
                        + run.stderr);
                assertTrue(!run.stderr.contains("preemption:"), "no notice was scheduled:\n" + run.stderr);
            }
            assertTrue(v1.spotCount() > 0, "an IMDSv1-only service is polled without a token");
        }
    }

    @Test
    void badNoticesAndABadGraceAreOneLineEachAndTheNoticeIsDueNow() throws Exception {
        String[][] cases = {
            {"soon", "WARN the spot termination time \"soon\" is not a time; taking the notice as due now"},
            {"2020-01-01T00:00:00Z", "WARN the spot termination time 2020-01-01T00:00:00Z is in the past; taking the"
                    + " notice as due now"},
            {"9".repeat(2000), "WARN the spot termination time answered is over 1 KiB; taking the notice as due now"},
        };
        for (String[] c : cases) {
            try (TrainerFixture fixture = new TrainerFixture(dir.resolve("case" + c[0].length()));
                 FakeEcsMetadata ecs = FakeEcsMetadata.builder(fixture.server).imdsV1Disabled().start()) {
                settings(fixture, "ossagent.preemption.poll=200ms\nossagent.preemption.grace=0\n"
                        + "ossagent.credentials.ecs-metadata-endpoint=" + ecs.endpoint());
                JvmRun.Started trainer = saving(fixture, Jdks.all().get(0), fixture.workDir.resolve("out"), 1);
                ecs.spotTermination(c[0]);
                long until = System.nanoTime() + 20_000_000_000L;
                while (!trainer.stderrSoFar().contains("preemption: ECS spot reclaim notice") && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                JvmRun.Result result = trainer.kill();
                assertEquals(1, count(result.stderr, c[1]), result.stderr);
                assertTrue(result.stderr.contains("preemption: ECS spot reclaim notice; deadline "), result.stderr);
                assertTrue(result.stderr.contains(" (in 0 s); "), "due now:\n" + result.stderr);
                assertEquals(1, count(result.stderr, "WARN ossagent.preemption.grace=0 leaves no time to send anything"
                        + " after SIGTERM; using the default 25s"), result.stderr);
                assertTrue(!result.stderr.contains("9999999999"), "the answer is not echoed");
            }
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aNoticeWhileOnlyDataFilesAreLeftWritesThePreemptedManifestAtOnce() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.server.maxBandwidth(CAP);
            settings(fixture, "ossagent.preemption.grace=4s");
            Path out = dir.resolve("out");
            // One save: 8 MiB of model, then 64 MiB of data (8 s at the cap) still on its way at the notice.
            JvmRun.Started trainer = new JvmRun(Jdks.all().get(0), dir).jvmArgs(fixture.agentArg())
                    .launch("-cp", classes(), "dev.ossagent.it.fixture.SpotTrainerMain")
                    .args(out.toString(), "8", "1", "0", "0", "64").start();
            long until = System.nanoTime() + 60_000_000_000L;
            while (!trainer.stderrSoFar().contains("uploaded " + TrainerFixture.MODEL_BUCKET + "/" + KEY)) {
                assertTrue(System.nanoTime() < until, trainer.stderrSoFar());
                Thread.sleep(50);
            }
            trainer.terminate();
            JvmRun.Result result = trainer.await();
            assertEquals(143, result.exitCode, result.toString());
            String manifest = fixture.storedText(TrainerFixture.MODEL_BUCKET, "models/oss-agent-manifest.json");
            assertTrue(manifest.contains("\"preempted\": true"), manifest);
            assertTrue(manifest.contains("\"missing\": [\"cloud-training/training-data/episodes.json\"]"), manifest);
        }
    }
}
