package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs uploaded by the agent in real JVMs (the demo trainer, each run under its own prefix) read back with the
 * jar's {@code list --runs} and {@code download}, in real JVMs too: byte-identical files, the latest pointer, an
 * incomplete run, an object corrupted on the server, and a download cut off and continued.
 */
class RunsDownloadIT {
    private static final String RUNS_PREFIX = "-Dossagent.model.prefix=models/${run}/";

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    /** The demo trainer under the agent in {@code dir/name}, run id {@code name}, model and data under ${run} prefixes. */
    private void train(TrainerFixture fixture, Path java, String name, String... trainerArgs) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        JvmRun.Result result = new JvmRun(java, work).jvmArgs(fixture.agentArg(), "-Dossagent.run.id=" + name,
                        RUNS_PREFIX, "-Dossagent.data.prefix=training-data/${run}/")
                .launch("-jar", Artifacts.trainerJar().toString()).args("--data-dir", work.toString()).args(trainerArgs)
                .run();
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("manifest"), result.stderr);
    }

    private JvmRun.Result cli(TrainerFixture fixture, Path java, String command, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(command, "--config", fixture.settingsFile.toString()));
        all.addAll(List.of(args));
        return new JvmRun(java, dir).launch("-jar", Artifacts.agentJar().toString()).args(all.toArray(new String[0]))
                .run();
    }

    /** Two complete runs by the agent and one incomplete run (files sent by {@code upload}, which writes no manifest). */
    private void threeRuns(TrainerFixture fixture, Path java) throws Exception {
        train(fixture, java, "run-a", "--epochs", "1", "--pad-model-mb", "3");
        train(fixture, java, "run-b", "--epochs", "2");
        Path loose = Files.writeString(dir.resolve("half.pt"), "half a run");
        JvmRun.Result upload = cli(fixture, java, "upload", "--model", loose.toString(),
                "-Dossagent.model.prefix=models/run-c/");
        assertEquals(0, upload.exitCode, upload.toString());
    }

    private void assertRunArrived(String run, Path into) throws Exception {
        Path trained = dir.resolve(run);
        assertArrayEquals(Files.readAllBytes(trained.resolve("models/rssm_model.pt")),
                Files.readAllBytes(into.resolve("rssm_model.pt")));
        assertArrayEquals(Files.readAllBytes(trained.resolve("models/scaler.pkl")),
                Files.readAllBytes(into.resolve("scaler.pkl")));
        assertArrayEquals(Files.readAllBytes(trained.resolve("training_episodes.json")),
                Files.readAllBytes(into.resolve("training-data/" + run + "/training_episodes.json")));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void runsAreListedAndDownloadedByteIdentical(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            threeRuns(fixture, java);

            JvmRun.Result list = cli(fixture, java, "list", "--runs", RUNS_PREFIX);
            assertEquals(0, list.exitCode, list.toString());
            List<String> rows = list.stdout.lines().collect(Collectors.toList());
            long bytesA = Files.size(dir.resolve("run-a/models/rssm_model.pt"))
                    + Files.size(dir.resolve("run-a/models/scaler.pkl"))
                    + Files.size(dir.resolve("run-a/training_episodes.json"));
            assertTrue(rows.get(1).matches("run-a +\\S+Z +3 +" + bytesA + " +complete"), list.stdout);
            assertTrue(rows.get(2).matches("run-b +\\S+Z +3 +\\d+ +complete"), list.stdout);
            assertTrue(rows.get(3).matches("run-c +\\S+Z +1 +10 +INCOMPLETE \\(no manifest\\)"), list.stdout);
            assertEquals(TrainerFixture.MODEL_BUCKET.length(), rows.get(4).indexOf("/models/: 2 complete") - "3 runs under "
                    .length(), list.stdout);

            JvmRun.Result download = cli(fixture, java, "download", "run-a", "dl-a", RUNS_PREFIX);
            assertEquals(0, download.exitCode, download.toString());
            assertRunArrived("run-a", dir.resolve("dl-a"));

            Path pointer = Files.writeString(dir.resolve("LATEST.json"), "{\"format\": \"oss-agent-latest/1\", \"run\":"
                    + " \"run-b\", \"bucket\": \"" + TrainerFixture.MODEL_BUCKET + "\", \"prefix\": \"models/run-b/\","
                    + " \"manifest\": \"models/run-b/oss-agent-manifest.json\", \"started\": \"2026-11-29T01:00:00Z\","
                    + " \"finished\": \"2026-11-29T01:01:00Z\"}", StandardCharsets.UTF_8);
            assertEquals(0, cli(fixture, java, "upload", "--model", pointer.toString(),
                    "-Dossagent.model.prefix=models/").exitCode);
            JvmRun.Result latest = cli(fixture, java, "download", "latest", "dl-latest", RUNS_PREFIX,
                    "-Dossagent.latest=models/LATEST.json");
            assertEquals(0, latest.exitCode, latest.toString());
            assertRunArrived("run-b", dir.resolve("dl-latest"));

            JvmRun.Result incomplete = cli(fixture, java, "download", "run-c", "dl-c", RUNS_PREFIX);
            assertEquals(10, incomplete.exitCode, incomplete.toString());
            assertTrue(incomplete.stderr.contains("[oss-agent] ERROR run run-c (" + TrainerFixture.MODEL_BUCKET
                    + "/models/run-c/) has no manifest"), incomplete.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aCorruptedObjectFailsAloneAndACutDownloadContinues(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            threeRuns(fixture, java);

            Path stored = fixture.server.root().resolve(TrainerFixture.MODEL_BUCKET).resolve("models/run-b/scaler.pkl");
            byte[] bytes = Files.readAllBytes(stored);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(stored, bytes);
            JvmRun.Result corrupted = cli(fixture, java, "download", "run-b", "dl-b", RUNS_PREFIX);
            assertEquals(9, corrupted.exitCode, corrupted.toString());
            Path out = dir.resolve("dl-b").toRealPath();
            List<String> errors = corrupted.stderr.lines().filter(line -> line.contains(" ERROR "))
                    .collect(Collectors.toList());
            assertEquals(1, errors.size(), corrupted.stderr);
            assertTrue(errors.get(0).startsWith("[oss-agent] ERROR " + TrainerFixture.MODEL_BUCKET
                    + "/models/run-b/scaler.pkl -> " + out.resolve("scaler.pkl") + " NOT verified: its CRC64 is "), errors
                    .get(0));
            assertFalse(Files.exists(out.resolve("scaler.pkl")), "a file that is not verified is not kept");
            assertArrayEquals(Files.readAllBytes(dir.resolve("run-b/models/rssm_model.pt")),
                    Files.readAllBytes(out.resolve("rssm_model.pt")), "the other files arrive");
            assertTrue(corrupted.stdout.contains("2 of 3 files of run run-b"), corrupted.stdout);

            fixture.server.faults().cutNextGetAfter(1_000_000);
            JvmRun.Result cut = cli(fixture, java, "download", "run-a", "dl-a", RUNS_PREFIX,
                    "-Dossagent.retry.max-attempts=1");
            assertEquals(1, cut.exitCode, cut.toString());
            assertTrue(cut.stderr.contains("rssm_model.pt: the transfer broke off after 1000000 of "), cut.stderr);
            Path partial = dir.resolve("dl-a/rssm_model.pt.oss-agent-part");
            assertEquals(1_000_000, Files.size(partial));
            assertFalse(Files.exists(dir.resolve("dl-a/rssm_model.pt")));

            int before = fixture.server.requestLog().size();
            JvmRun.Result resumed = cli(fixture, java, "download", "run-a", "dl-a", RUNS_PREFIX);
            assertEquals(0, resumed.exitCode, resumed.toString());
            assertTrue(fixture.server.requestLog().subList(before, fixture.server.requestLog().size()).contains(
                    "GET /" + TrainerFixture.MODEL_BUCKET + "/models/run-a/rssm_model.pt -> 206"),
                    fixture.server.requestLog().toString());
            assertTrue(resumed.stdout.contains("continued from 1000000 bytes already in the partial file"), resumed.stdout);
            assertFalse(Files.exists(partial));
            assertRunArrived("run-a", dir.resolve("dl-a"));
        }
    }
}
