package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PendingCount;
import dev.ossagent.journal.PlanRecord;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promises that span processes, with the demo trainer and {@code resume} in real JVMs (JDK 17 and 25) and
 * local-oss on loopback: resume after kill -9 and a file rewritten in place checks the parts against the file;
 * the printed resume command finds the plan as printed; a planted journal is refused; a state dir that cannot
 * be used does not stop uploads.
 */
class TrustIT {
    private static final String MODEL = "models/rssm_model.pt";

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private Path stored(TrainerFixture fixture, String bucket, String key) {
        return fixture.server.root().resolve(bucket).resolve(key);
    }

    private static long partsStored(TrainerFixture fixture) {
        return fixture.server.requestLog().stream()
                .filter(line -> line.startsWith("PUT ") && line.contains("partNumber=") && line.endsWith("-> 200"))
                .count();
    }

    /** {@code java -jar oss-agent.jar ARGS...} in a JVM of its own. */
    private JvmRun cli(Path java, String... args) {
        return new JvmRun(java, dir).launch("-jar", Artifacts.agentJar().toString()).args(args);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void resumeAfterKillDashNineAndAnInPlaceRewriteSendsTheChangedPartsAndTheObjectIsTheFile(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(String.join("\n", "ossagent.multipart.threshold=1MiB", "ossagent.data.files=",
                    "ossagent.multipart.part-size=1MiB", "ossagent.multipart.threads=2", "ossagent.retry.backoff=20ms"));
            fixture.server.faults().delayMillis(100);
            JvmRun.Started trainer = fixture.trainer(java, "--pad-model-mb", "24").start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (partsStored(fixture) < 4) {
                assertTrue(System.nanoTime() < deadline, "parts should be arriving: " + trainer.stderrSoFar());
                Thread.sleep(10);
            }
            trainer.kill();
            fixture.server.faults().clear();
            Path model = dir.resolve(MODEL);
            FileTime mtime = Files.getLastModifiedTime(model);
            byte[] rewritten = new byte[1 << 20];
            new Random(7).nextBytes(rewritten);
            try (RandomAccessFile file = new RandomAccessFile(model.toFile(), "rw")) {
                file.write(rewritten); // the first MiB, in place: same size
            }
            Files.setLastModifiedTime(model, mtime);

            JvmRun.Result resumed = cli(java, "resume", "--config", fixture.settingsFile.toString()).run();

            assertEquals(0, resumed.exitCode, resumed.toString());
            assertEquals(-1, Files.mismatch(model, stored(fixture, TrainerFixture.MODEL_BUCKET, MODEL)),
                    "the object is the file as it is now: " + resumed.stderr);
            assertTrue(resumed.stderr.contains("parts of " + TrainerFixture.MODEL_BUCKET + "/" + MODEL
                    + " already in OSS no longer match"), resumed.stderr);
            String manifest = Files.readString(stored(fixture, TrainerFixture.MODEL_BUCKET, "models/oss-agent-manifest.json"));
            assertTrue(manifest.contains("\"sha256\": \"" + TrainerFixture.sha256(model) + "\""), manifest);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void thePrintedResumeCommandRunAsPrintedFindsThePlan(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.WRONG_SECRET);
            Path elsewhere = dir.resolve("state-from-the-command-line");

            JvmRun.Result failed = fixture.trainer(java).jvmArgs("-Dossagent.state.dir=" + elsewhere).run();

            String marker = "finish with: ";
            String line = failed.stderr.lines().filter(text -> text.contains(marker)).findFirst().orElseThrow(
                    () -> new AssertionError("a resume hint: " + failed.stderr));
            String printed = line.substring(line.indexOf(marker) + marker.length());
            assertTrue(printed.contains("-Dossagent.state.dir=" + elsewhere), printed);
            assertEquals(3, PendingCount.files(elsewhere));

            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.SECRET);
            List<String> words = new ArrayList<>(Arrays.asList(printed.split(" ")));
            assertEquals("java", words.remove(0));
            JvmRun.Result resumed = new JvmRun(java, fixture.server.root()).launch(words.toArray(new String[0])).run();

            assertEquals(0, resumed.exitCode, resumed.toString());
            assertTrue(resumed.stdout.contains("resume: 3 file(s) uploaded"), resumed.toString());
            assertEquals(0, PendingCount.files(elsewhere));
            assertEquals(-1, Files.mismatch(dir.resolve(MODEL), stored(fixture, TrainerFixture.MODEL_BUCKET, MODEL)));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aJournalPlantedInAStateDirOthersMayWriteIsRefused(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$not-a-real-hash:19000::::::\n");
            Path state = dir.resolve("state");
            // What a planter leaves: a plan naming a file of the victim's, to the planter's key.
            try (JournaledPlan plan = new Journal(state).record(PlanRecord.now("x.Y#train", secret.toString(),
                    fixture.server.endpoint(), TrainerFixture.MODEL_BUCKET, "planted/oss-agent-manifest.json"),
                    List.of(new JournalEntry(1, secret, TrainerFixture.MODEL_BUCKET, "planted/shadow", Files.size(secret))))) {
                plan.record();
            }
            Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));

            JvmRun.Result resumed = cli(java, "resume", "--config", fixture.settingsFile.toString()).run();

            assertEquals(1, resumed.exitCode, resumed.toString());
            assertTrue(resumed.stderr.contains("the state dir " + state + " is not used: it is writable by other users"
                    + " (rwxrwxrwx)"), resumed.stderr);
            assertTrue(resumed.stderr.contains("Run: chmod -R go-w " + state), resumed.stderr);
            assertTrue(resumed.stderr.contains("resume uses no plan from it"), resumed.stderr);
            assertFalse(Files.exists(stored(fixture, TrainerFixture.MODEL_BUCKET, "planted/shadow")), "nothing uploaded");
            assertEquals(0, fixture.server.requestCount(), "not one request: " + fixture.server.requestLog());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aStateDirThatCannotBeUsedDoesNotStopUploadsAndWarnsOnce(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(String.join("\n", "ossagent.multipart.threshold=1MiB",
                    "ossagent.multipart.part-size=1MiB"));
            Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");

            JvmRun.Result result = fixture.trainer(java, "--pad-model-mb", "3")
                    .jvmArgs("-Dossagent.state.dir=" + blocker.resolve("state")).run();

            assertEquals(0, result.exitCode, result.toString());
            assertEquals(-1, Files.mismatch(dir.resolve(MODEL), stored(fixture, TrainerFixture.MODEL_BUCKET, MODEL)));
            assertTrue(Files.exists(stored(fixture, TrainerFixture.MODEL_BUCKET, "models/oss-agent-manifest.json")));
            assertEquals(1, result.stderr.lines().filter(text -> text.contains("is not used")
                    || text.contains("cannot be created")).count(), result.stderr);
            assertTrue(result.stderr.contains("Uploading without a journal, so a crash or exit timeout would leave"
                    + " nothing to resume"), result.stderr);
            assertTrue(result.stderr.contains("uploads finished") || !result.stderr.contains("not uploaded"),
                    result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void noHomeAndNoStateDirStillUploadsAndLeavesNoTemporaryFiles(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result result = fixture.trainer(java).jvmArgs("-Dossagent.state.dir=", "-Duser.home=?").run();

            assertEquals(0, result.exitCode, result.toString());
            assertEquals(-1, Files.mismatch(dir.resolve(MODEL), stored(fixture, TrainerFixture.MODEL_BUCKET, MODEL)));
            assertTrue(result.stderr.contains("there is no state dir: user.home is unknown"), result.stderr);
            assertFalse(Files.exists(dir.resolve("?")), "no state dir made relative to the working directory");
            try (Stream<Path> all = Files.walk(dir)) {
                assertEquals(List.of(), all.filter(path -> path.toString().endsWith(".tmp")).toList());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aListedFileThatIsMissingMeansNoManifestAndOneLineNamingIt(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.model.files=models/rssm_model.pt,models/scaler.pkl,models/optimizer.pt");

            JvmRun.Result result = fixture.trainer(java).run();

            assertEquals(0, result.exitCode, result.toString());
            assertEquals(-1, Files.mismatch(dir.resolve(MODEL), stored(fixture, TrainerFixture.MODEL_BUCKET, MODEL)));
            assertFalse(Files.exists(stored(fixture, TrainerFixture.MODEL_BUCKET, "models/oss-agent-manifest.json")),
                    "no manifest claims a complete set");
            assertEquals(1, result.stderr.lines().filter(line -> line.contains("no manifest for ")
                    && line.contains(dir.resolve("models/optimizer.pt") + " (from \"models/optimizer.pt\"): no such file"))
                    .count(), result.stderr);
        }
    }
}
