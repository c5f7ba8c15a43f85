package dev.ossagent.trigger;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Settings;
import dev.ossagent.it.Fifo;
import dev.ossagent.log.LogCapture;
import dev.ossagent.plan.PlanPrinter;
import dev.ossagent.plan.PlannedFile;
import dev.ossagent.plan.UploadPlan;
import dev.ossagent.plan.UploadPlanner;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Odd things {@code train} returns, planned: each is uploaded under the same name, or skipped with one note. */
class ReturnedPathsTest {
    @TempDir
    Path dir;

    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = new LogCapture();
    }

    @AfterEach
    void restoreLog() {
        log.close();
    }

    private String log() {
        return log.text();
    }

    private List<String> warnings() {
        List<String> lines = new ArrayList<>();
        for (String line : log().split("\n")) {
            if (line.contains("WARN ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private UploadPlan plan(Path model) throws Exception {
        Path file = dir.resolve("oss-agent.properties");
        Files.writeString(file, "ossagent.target.class=T\nossagent.model.bucket=model-bucket\n");
        Settings settings = Settings.parse(RawSettings.load(file.toString(), Map.of(), new Properties()));
        return new UploadPlanner(settings, dir).plan(model, "T#train");
    }

    private static List<String> keys(UploadPlan plan) {
        List<String> keys = new ArrayList<>();
        for (PlannedFile file : plan.files()) {
            keys.add(file.key());
        }
        return keys;
    }

    @Test
    void aPathThatDoesNotExistIsOneNote() throws Exception {
        UploadPlan plan = plan(dir.resolve("models/rssm_model.pt"));
        assertTrue(plan.files().isEmpty());
        assertEquals(List.of("[oss-agent] WARN skipping " + dir.resolve("models/rssm_model.pt")
                + " (from \"${model}\"): no such file; the other files still go"), warnings());
    }

    @Test
    void namesWithSpacesAndChineseAreKeptExactly() throws Exception {
        assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
                "this JVM cannot name non-ASCII files: run it with LC_ALL=C.UTF-8");
        Path folder = Files.createDirectories(dir.resolve("模型 输出"));
        Path model = Files.writeString(folder.resolve("最终 模型 v1.pt"), "w");
        assertEquals(List.of("models/最终 模型 v1.pt"), keys(plan(model)));
        assertEquals(List.of("models/模型 输出/最终 模型 v1.pt"), keys(plan(folder)));
    }

    @Test
    void aSymbolicLinkUploadsWhatItPointsToUnderItsOwnName() throws Exception {
        Path target = Files.writeString(Files.createDirectories(dir.resolve("runs/42")).resolve("weights.bin"), "w");
        Path link = Files.createSymbolicLink(dir.resolve("latest.bin"), target);
        UploadPlan plan = plan(link);
        assertEquals(List.of("models/latest.bin"), keys(plan));
        assertEquals(1, plan.files().get(0).size());
        Path folderLink = Files.createSymbolicLink(dir.resolve("latest"), dir.resolve("runs/42"));
        assertEquals(List.of("models/latest/weights.bin"), keys(plan(folderLink)));
    }

    @Test
    void aDanglingSymbolicLinkSaysWhereItPoints() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("latest.bin"), dir.resolve("gone.bin"));
        assertTrue(plan(link).files().isEmpty());
        assertEquals(List.of("[oss-agent] WARN skipping " + link + " (from \"${model}\"): a symbolic link to "
                + dir.resolve("gone.bin") + ", which does not exist; the other files still go"), warnings());
    }

    @Test
    void aLinkLoopInsideAFolderIsSkippedAndTheRestGoes() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ckpt/sub"));
        Files.writeString(folder.resolve("a.bin"), "a");
        Path loop = Files.createSymbolicLink(folder.resolve("up"), dir.resolve("ckpt"));
        UploadPlan plan = plan(dir.resolve("ckpt"));
        assertEquals(List.of("models/ckpt/sub/a.bin"), keys(plan));
        assertEquals(List.of("[oss-agent] WARN skipping " + loop + ": a symbolic link to a folder that contains it"
                + " (a loop)"), warnings());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aNamedPipeIsSkippedWithANoteAndNeverOpened() throws Exception {
        Path fifo = dir.resolve("model.pipe");
        assumeTrue(Fifo.make(fifo), "mkfifo is not available");
        assertTrue(plan(fifo).files().isEmpty());
        assertEquals(List.of("[oss-agent] WARN skipping " + fifo + " (from \"${model}\"): a named pipe, not a file;"
                + " the other files still go"), warnings());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void pipesInAFolderAreSkippedAndSummedUp() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ckpt"));
        Files.writeString(folder.resolve("weights.bin"), "w");
        for (int i = 0; i < 8; i++) {
            assumeTrue(Fifo.make(folder.resolve("pipe" + i)), "mkfifo is not available");
        }
        UploadPlan plan = plan(folder);
        assertEquals(List.of("models/ckpt/weights.bin"), keys(plan));
        List<String> warnings = warnings();
        assertEquals(UploadPlanner.NOTES_PER_FOLDER + 1, warnings.size(), log());
        assertEquals("[oss-agent] WARN skipping " + folder.resolve("pipe0") + ": a named pipe, not a file", warnings.get(0));
        assertEquals("[oss-agent] WARN skipping 3 more entries in " + folder
                + " that are not regular files or cannot be read", warnings.get(warnings.size() - 1));
    }

    @Test
    void aDeviceIsSkippedWithANote() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/null")));
        assertTrue(plan(Path.of("/dev/null")).files().isEmpty());
        assertTrue(log().contains("skipping /dev/null (from \"${model}\"): a character device, not a file"), log());
    }

    @Test
    void aFolderOfThousandsIsPlannedQuicklyAndLoggedBriefly() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("shards"));
        for (int i = 0; i < 3000; i++) {
            Files.write(folder.resolve(String.format("part-%05d.bin", i)), new byte[] {(byte) i});
        }
        UploadPlan plan = plan(folder);
        assertEquals(3000, plan.files().size());
        assertEquals("models/shards/part-00000.bin", plan.files().get(0).key());
        assertEquals("models/shards/part-02999.bin", plan.files().get(2999).key());
        assertEquals("", log(), "planning a healthy folder says nothing");

        PlanPrinter.print(plan, true);
        List<String> printed = List.of(log().split("\n"));
        assertEquals(1 + PlanPrinter.LOGGED_FILES + 1, printed.size(), log());
        assertEquals("[oss-agent]   ... and 2980 more files, 2.9 KiB (java -jar oss-agent.jar plan " + folder
                + " lists them all)", printed.get(printed.size() - 1));
        assertEquals(3001, PlanPrinter.lines(plan, true).size(), "the command line's plan lists every file");
    }

    @Test
    void returnedValuesThatAreNotPathsAreDescribedWithoutShowingThem() {
        assertNull(ReturnedPath.of(42));
        assertEquals("a java.lang.Integer, not a path", ReturnedPath.describe(42));
        assertEquals("an empty string, not a path", ReturnedPath.describe(" "));
        assertNull(ReturnedPath.of("https://bucket.example.invalid/m.pt?security-token=abc"));
        assertNull(ReturnedPath.of("oss://bucket/m.pt"));
        assertNull(ReturnedPath.of("model\u0000.pt"));
        assertEquals("a string that is not a valid path (Nul character not allowed)", ReturnedPath.describe("model\u0000.pt"));
        assertEquals("a URI that is not a local file path", ReturnedPath.describe(URI.create("models/m.pt")));
    }

    @Test
    void locationsThatAreNotLocalFilesAreKnownByTheirScheme() {
        assertEquals("hdfs", ReturnedPath.remoteScheme("hdfs://namenode:8020/models/m"));
        assertEquals("s3", ReturnedPath.remoteScheme(URI.create("s3://bucket/m")));
        assertEquals("oss", ReturnedPath.remoteScheme(" OSS://bucket/m"));
        assertEquals("https", ReturnedPath.remoteScheme("https://bucket.example.invalid/m.pt?security-token=abc"));
        assertNull(ReturnedPath.remoteScheme("file:///a/b"));
        assertNull(ReturnedPath.remoteScheme(URI.create("file:/a/b")));
        assertNull(ReturnedPath.remoteScheme("/a/b"));
        assertNull(ReturnedPath.remoteScheme("C:/models/m.pt"));
        assertNull(ReturnedPath.remoteScheme(Path.of("/a")));
    }

    @Test
    void returnedValuesThatArePaths() {
        assertEquals(Path.of("/a/b"), ReturnedPath.of("file:///a/b"));
        assertEquals(Path.of("/a/b"), ReturnedPath.of(new File("/a/b")));
        assertEquals(Path.of("models/m.pt"), ReturnedPath.of(" models/m.pt "));
        assertEquals(Path.of("run:1/m.pt"), ReturnedPath.of("run:1/m.pt"), "a colon in a name is not a scheme");
    }

    @Test
    void returnedValuesOfEachPathType() {
        assertEquals(Path.of("/a/b"), ReturnedPath.of("/a/b"));
        assertEquals(Path.of("/a/b"), ReturnedPath.of(Path.of("/a/b")));
        assertEquals(Path.of("/a/b"), ReturnedPath.of(new java.io.File("/a/b")));
        assertEquals(Path.of("/a/b"), ReturnedPath.of(URI.create("file:///a/b")));
        assertEquals(null, ReturnedPath.of(URI.create("https://example.invalid/a")));
        assertEquals(null, ReturnedPath.of(42));
        assertEquals(null, ReturnedPath.of("  "));
    }
}
