package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs kept apart by ${run}, ranks of one job, the rank gate, and the LATEST pointer, with real JVMs. */
class RunsIT {
    private static final String MODELS = TrainerFixture.MODEL_BUCKET;
    private static final String PER_RUN = "ossagent.model.prefix=models/${run}/\nossagent.data.prefix=training-data/${run}/";

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private static String runOf(String manifest) {
        Matcher run = Pattern.compile("\"run\": \"([^\"]+)\"").matcher(manifest);
        assertTrue(run.find(), manifest);
        return run.group(1);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void twoRunsLandUnderTwoPrefixesEachWithItsManifest(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(PER_RUN);
            JvmRun.Result first = fixture.trainer(java).run();
            JvmRun.Result second = fixture.trainer(java).run();

            assertEquals(0, first.exitCode, first.toString());
            assertEquals(0, second.exitCode, second.toString());
            List<String> manifests = fixture.storedKeys(MODELS).stream()
                    .filter(key -> key.endsWith("/oss-agent-manifest.json")).collect(Collectors.toList());
            assertEquals(2, manifests.size(), fixture.storedKeys(MODELS).toString());
            for (String manifestKey : manifests) {
                String run = runOf(fixture.storedText(MODELS, manifestKey));
                assertTrue(run.matches("\\d{8}T\\d{6}Z-[A-Za-z0-9._-]+-[0-9a-f]{4}"), run);
                assertEquals("models/" + run + "/oss-agent-manifest.json", manifestKey);
                assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                        fixture.storedSha256(MODELS, "models/" + run + "/rssm_model.pt"));
                assertEquals(TrainerFixture.sha256(dir.resolve("training_episodes.json")), fixture.storedSha256(
                        TrainerFixture.DATA_BUCKET, "training-data/" + run + "/training_episodes.json"));
                assertTrue(fixture.storedText(MODELS, manifestKey).contains("\"run\": \"" + run + "\",\n  \"rank\": 0,"));
            }
            assertNotEquals(manifests.get(0), manifests.get(1));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aPinnedRunIdOrALaunchersJobIdNamesThePrefix(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(PER_RUN);
            JvmRun.Result pinned = fixture.trainer(java).env("OSSAGENT_RUN_ID", "exp-7").env("DLC_JOB_ID", "dlc-ignored")
                    .run();
            JvmRun.Result launcher = fixture.trainer(java).env("DLC_JOB_ID", "dlc1a2b3c").run();

            assertEquals(0, pinned.exitCode, pinned.toString());
            assertEquals(0, launcher.exitCode, launcher.toString());
            assertEquals(List.of("models/dlc1a2b3c/oss-agent-manifest.json", "models/dlc1a2b3c/rssm_model.pt",
                    "models/dlc1a2b3c/scaler.pkl", "models/exp-7/oss-agent-manifest.json", "models/exp-7/rssm_model.pt",
                    "models/exp-7/scaler.pkl"), fixture.storedKeys(MODELS));
            assertEquals("exp-7", fixture.head(MODELS, "models/exp-7/rssm_model.pt").getUserMetadata().get("run"));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aBadRunIdIsOneLineAndTheTrainerRunsOn(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(PER_RUN);
            JvmRun.Result plain = fixture.trainerWithoutAgent(java).run();
            JvmRun.Result result = fixture.trainer(java).env("SLURM_JOB_ID", "12/3").run();

            assertEquals(0, result.exitCode, result.toString());
            assertEquals(plain.stdout, result.stdout);
            List<String> errors = result.stderr.lines().filter(line -> line.contains("SLURM_JOB_ID=12/3")).toList();
            assertEquals(1, errors.size(), result.stderr);
            assertTrue(errors.get(0).contains("cannot be the run id") && errors.get(0).contains("ossagent.run.id"),
                    errors.get(0));
            assertEquals(0, fixture.server.requestCount());
        }
    }

    private static JvmRun.Result rank(TrainerFixture fixture, Path java, int rank, String job) throws Exception {
        JvmRun.Result result = fixture.trainer(java).env("RANK", Integer.toString(rank)).env("OSSAGENT_RUN_ID", job)
                .run();
        assertEquals(0, result.exitCode, result.toString());
        return result;
    }

    private long journalFiles() throws Exception {
        Path journal = dir.resolve("state/journal");
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.count();
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void threeRanksOfOneJobEachUploadUnderTheirRankOrOnlyRankZeroDoes(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.model.prefix=models/${run}/rank-${rank}/\nossagent.data.files=");
            for (int rank = 0; rank < 3; rank++) {
                rank(fixture, java, rank, "job-all");
            }
            for (int rank = 0; rank < 3; rank++) {
                String prefix = "models/job-all/rank-" + rank + "/";
                assertEquals(TrainerFixture.sha256(dir.resolve("models/scaler.pkl")),
                        fixture.storedSha256(MODELS, prefix + "scaler.pkl"));
                assertTrue(fixture.storedText(MODELS, prefix + "oss-agent-manifest.json")
                        .contains("\"rank\": " + rank + ","));
            }

            fixture.writeSettings("ossagent.model.prefix=models/${run}/rank-${rank}/\nossagent.data.files=\n"
                    + "ossagent.upload.ranks=0");
            rank(fixture, java, 0, "job-zero");
            long requests = fixture.server.requestCount();
            long journal = journalFiles();
            JvmRun.Result one = rank(fixture, java, 1, "job-zero");
            JvmRun.Result two = rank(fixture, java, 2, "job-zero");

            assertEquals(requests, fixture.server.requestCount(), "ranks 1 and 2 send nothing");
            assertEquals(journal, journalFiles(), "nor journal anything");
            assertEquals(1, one.stderr.lines().filter(line -> line.contains(
                    "rank 1 does not upload (ossagent.upload.ranks=0); this process sends nothing")).count(), one.stderr);
            assertTrue(two.stderr.contains("rank 2 does not upload"), two.stderr);
            assertFalse(one.stderr.contains("uploaded "), one.stderr);
            assertEquals(List.of("models/job-zero/rank-0/oss-agent-manifest.json", "models/job-zero/rank-0/rssm_model.pt",
                    "models/job-zero/rank-0/scaler.pkl"), fixture.storedKeys(MODELS).stream()
                    .filter(key -> key.startsWith("models/job-zero/")).collect(Collectors.toList()));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void latestNeverGoesBackWhenAnOlderRunFinishesLast(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(PER_RUN + "\nossagent.latest=models/LATEST.json\nossagent.data.files=");
            // The older run: its plan is journaled, but a wrong secret keeps it from uploading.
            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.WRONG_SECRET);
            JvmRun.Result older = fixture.trainer(java).env("OSSAGENT_RUN_ID", "run-older").run();
            assertEquals(0, older.exitCode, older.toString());
            assertFalse(fixture.storedKeys(MODELS).contains("models/LATEST.json"));

            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.SECRET);
            JvmRun.Result newer = fixture.trainer(java).env("OSSAGENT_RUN_ID", "run-newer").run();
            assertEquals(0, newer.exitCode, newer.toString());
            String pointer = fixture.storedText(MODELS, "models/LATEST.json");
            assertTrue(pointer.matches("\\{\"format\": \"oss-agent-latest/1\", \"run\": \"run-newer\", \"bucket\": \""
                    + MODELS + "\", \"prefix\": \"models/run-newer/\", \"manifest\": \"models/run-newer/"
                    + "oss-agent-manifest.json\", \"started\": \"[0-9T:.Z-]+\", \"finished\": \"[0-9T:.Z-]+\"}\n"),
                    pointer);
            assertTrue(newer.stderr.contains(MODELS + "/models/LATEST.json now names run run-newer"), newer.stderr);

            // The older run finishes last.
            JvmRun.Result resumed = new JvmRun(java, dir).launch("-jar", Artifacts.agentJar().toString())
                    .args("resume", "--config", fixture.settingsFile.toString()).run();

            assertEquals(0, resumed.exitCode, resumed.toString());
            assertTrue(fixture.storedKeys(MODELS).contains("models/run-older/oss-agent-manifest.json"), resumed.stderr);
            assertEquals(pointer, fixture.storedText(MODELS, "models/LATEST.json"), "the pointer still names the newer run");
            assertTrue(resumed.stderr.contains("not moving " + MODELS + "/models/LATEST.json to run run-older: it names a"
                    + " newer run"), resumed.stderr);
        }
    }
}
