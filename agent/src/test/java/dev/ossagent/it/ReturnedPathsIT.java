package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ossagent.it.fixture.OddTrainerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code train} returns, in a real JVM: odd paths are uploaded under the same name or skipped
 * with one note, and anything that is not a path is one warning; the trainer never notices.
 */
class ReturnedPathsIT {
    /** Non-ASCII file names need a UTF-8 locale in every JVM that touches them. */
    private static final String UTF8_LOCALE = "C.UTF-8";

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    /** The folder walk does not depend on the JDK, and thousands of uploads take a while: one JDK. */
    static List<Path> defaultJdk() {
        return Jdks.all().subList(0, 1);
    }

    private static Path testClasses() throws Exception {
        return Paths.get(OddTrainerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Settings for {@link dev.ossagent.it.fixture.OddTrainer}: the returned path alone, no data files. */
    private static void oddTrainerSettings(TrainerFixture fixture, String method, String extra) throws Exception {
        fixture.writeSettings("ossagent.target.class=dev.ossagent.it.fixture.OddTrainer\nossagent.target.method=" + method
                + "\nossagent.model.files=${model}\nossagent.data.files=\n" + extra);
    }

    private JvmRun odd(Path java, String agentArg, String... args) throws Exception {
        // A JVM is stopped only when it hangs; a slow, busy machine is not a hang.
        JvmRun run = new JvmRun(java, dir).env("LC_ALL", UTF8_LOCALE).timeoutSeconds(1200);
        if (agentArg != null) {
            run.jvmArgs(agentArg);
        }
        return run.launch("-cp", testClasses().toString(), OddTrainerMain.class.getName()).args(args);
    }

    /** OddTrainer#trainPath returns {@code returned}; runs it with and without the agent. */
    private JvmRun.Result returning(TrainerFixture fixture, Path java, String returned) throws Exception {
        return returning(fixture, java, returned, "");
    }

    private JvmRun.Result returning(TrainerFixture fixture, Path java, String returned, String extraSettings)
            throws Exception {
        oddTrainerSettings(fixture, "trainPath", extraSettings);
        JvmRun.Result result = Unchanged.trainer(odd(java, null, "path", returned),
                odd(java, fixture.agentArg(), "path", returned));
        assertEquals(OddTrainerMain.EXIT_CODE, result.exitCode);
        return result;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aPathThatDoesNotExistIsNamedAndNothingIsSent(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path missing = dir.resolve("models/never-written.pt");
            JvmRun.Result result = returning(fixture, java, missing.toString());
            assertEquals(List.of("WARN skipping " + missing + " (from \"${model}\"): no such file; the other files still go"),
                    Unchanged.problems(result.stderr));
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aRelativePathIsResolvedAgainstTheWorkingDirectoryAndSaidSo(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Files.writeString(Files.createDirectories(dir.resolve("out")).resolve("relative.pt"), "weights");
            JvmRun.Result result = returning(fixture, java, "out/relative.pt");
            assertTrue(Unchanged.agentLines(result.stderr).contains("dev.ossagent.it.fixture.OddTrainer#trainPath returned"
                    + " the relative path out/relative.pt; resolved against the working directory " + dir), result.stderr);
            assertEquals(TrainerFixture.sha256(dir.resolve("out/relative.pt")),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/relative.pt"));
            assertEquals(List.of(), Unchanged.problems(result.stderr));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void chineseNamesWithSpacesKeepTheirTextAndListShowsThemBack(Path java) throws Exception {
        assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
                "this JVM cannot name non-ASCII files: run it with LC_ALL=" + UTF8_LOCALE);
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path model = Files.writeString(Files.createDirectories(dir.resolve("训练 输出")).resolve("最终 模型 v1.pt"),
                    "weights");
            returning(fixture, java, model.toString());
            assertEquals(TrainerFixture.sha256(model), fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/最终 模型 v1.pt"));

            JvmRun.Result list = new JvmRun(java, dir).env("LC_ALL", UTF8_LOCALE)
                    .launch("-jar", Artifacts.agentJar().toString()).args("list", "--config", fixture.settingsFile.toString())
                    .run();
            assertEquals(0, list.exitCode, list.toString());
            assertTrue(list.stdout.lines().anyMatch(line -> line.endsWith("  models/最终 模型 v1.pt")), list.stdout);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aSymbolicLinkUploadsWhatItPointsToUnderItsOwnName(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path target = Files.writeString(Files.createDirectories(dir.resolve("runs/42")).resolve("weights.pt"), "w42");
            Path link = Files.createSymbolicLink(dir.resolve("latest.pt"), target);
            JvmRun.Result result = returning(fixture, java, link.toString());
            assertEquals(TrainerFixture.sha256(target), fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/latest.pt"));
            assertEquals(List.of(), Unchanged.problems(result.stderr));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aNamedPipeIsSkippedWithANoteAndNeverRead(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path fifo = dir.resolve("model.pipe");
            assumeTrue(Fifo.make(fifo), "mkfifo is not available");
            JvmRun.Result result = returning(fixture, java, fifo.toString());
            assertEquals(List.of("WARN skipping " + fifo + " (from \"${model}\"): a named pipe, not a file; the other files"
                    + " still go"), Unchanged.problems(result.stderr));
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aDeviceIsSkippedWithANote(Path java) throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/null")));
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result result = returning(fixture, java, "/dev/null");
            assertEquals(List.of("WARN skipping /dev/null (from \"${model}\"): a character device, not a file; the other"
                    + " files still go"), Unchanged.problems(result.stderr));
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void anObjectThatIsNotAPathIsOneWarningAndNoUpload(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            oddTrainerSettings(fixture, "trainObject", "");
            JvmRun.Result result = Unchanged.trainer(odd(java, null, "object"), odd(java, fixture.agentArg(), "object"));
            assertEquals(List.of("WARN dev.ossagent.it.fixture.OddTrainer#trainObject returned a"
                    + " java.util.ImmutableCollections$MapN, not a path (String, Path, File or file: URI expected); nothing"
                    + " uploaded"), Unchanged.problems(result.stderr));
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("defaultJdk")
    void aFolderOfThousandsOfFilesIsUploadedWhole(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path folder = Files.createDirectories(dir.resolve("shards"));
            for (int i = 0; i < 3000; i++) {
                Files.writeString(folder.resolve(String.format("part-%05d.bin", i)), "shard " + i);
            }
            JvmRun.Result dryRun = returning(fixture, java, folder.toString(), "ossagent.dry-run=true");
            assertTrue(Unchanged.agentLines(dryRun.stderr).size() < 30, "the logged plan is summed up:\n" + dryRun.stderr);
            assertTrue(dryRun.stderr.contains("  ... and 2980 more files, "), dryRun.stderr);
            assertEquals(0, fixture.server.requestCount());

            // 3000 uploads one after another: the exit wait must not depend on how busy the machine is.
            JvmRun.Result result = returning(fixture, java, folder.toString(), "ossagent.exit.timeout=20m");
            try (Stream<Path> stored = Files.list(dir.resolve("oss-root").resolve(TrainerFixture.MODEL_BUCKET)
                    .resolve("models/shards"))) {
                assertEquals(3000, stored.count(), result.stderr);
            }
            assertEquals(TrainerFixture.sha256(folder.resolve("part-02999.bin")),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/shards/part-02999.bin"));
            assertEquals(List.of(), Unchanged.problems(result.stderr));
        }
    }
}
