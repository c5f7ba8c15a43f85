package dev.ossagent.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Settings;
import dev.ossagent.log.LogCapture;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadPlannerTest {
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

    private UploadPlan plan(String extra, Path model) throws Exception {
        Path file = dir.resolve("oss-agent.properties");
        Files.writeString(file, "ossagent.target.class=T\nossagent.model.bucket=model-bucket\n"
                + "ossagent.data.bucket=data-bucket\n" + extra);
        Settings settings = Settings.parse(RawSettings.load(file.toString(), Map.of(), new Properties()));
        return new UploadPlanner(settings, dir).plan(model, "T#train");
    }

    private static List<String> objects(UploadPlan plan) {
        List<String> names = new ArrayList<>();
        for (PlannedFile file : plan.files()) {
            names.add(file.objectName());
        }
        return names;
    }

    private Path write(String relative, int size) throws Exception {
        Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[size]);
        return path;
    }

    @Test
    void theExampleLayoutBecomesThreeObjects() throws Exception {
        Path model = write("models/rssm_model.pt", 10);
        write("models/scaler.pkl", 3);
        write("training_episodes.json", 5);
        UploadPlan plan = plan("ossagent.model.files=models/rssm_model.pt,models/scaler.pkl\n"
                + "ossagent.data.files=training_episodes.json\n", model);
        assertEquals(List.of("model-bucket/models/rssm_model.pt", "model-bucket/models/scaler.pkl",
                "data-bucket/training-data/training_episodes.json"), objects(plan));
        assertEquals(18, plan.totalBytes());
        assertTrue(plan.missing().isEmpty());
    }

    @Test
    void placeholdersExpandToTheModelAndItsFolder() throws Exception {
        Path model = write("out/run1/weights.bin", 4);
        write("out/run1/vocab.txt", 2);
        UploadPlan plan = plan("ossagent.model.files=${model},${modelDir}/vocab.txt\nossagent.model.prefix=m\n", model);
        assertEquals(List.of("model-bucket/m/weights.bin", "model-bucket/m/vocab.txt"), objects(plan));
    }

    @Test
    void aReturnedFolderUploadsRecursivelyKeepingRelativePaths() throws Exception {
        write("ckpt/a.bin", 1);
        write("ckpt/sub/b.bin", 2);
        UploadPlan plan = plan("", dir.resolve("ckpt"));
        assertEquals(List.of("model-bucket/models/ckpt/a.bin", "model-bucket/models/ckpt/sub/b.bin"), objects(plan));
    }

    @Test
    void aMissingFileIsNamedAndTheOthersStillGo() throws Exception {
        Path model = write("models/rssm_model.pt", 10);
        UploadPlan plan = plan("ossagent.model.files=${model},${modelDir}/scaler.pkl\n", model);
        assertEquals(List.of("model-bucket/models/rssm_model.pt"), objects(plan));
        assertEquals(List.of(dir.resolve("models/scaler.pkl").toString()), plan.missing());
        assertTrue(log.text().contains("skipping " + dir.resolve("models/scaler.pkl")));
    }

    @Test
    void relativeReturnedPathsResolveAgainstTheWorkingDirectory() throws Exception {
        write("models/rssm_model.pt", 10);
        UploadPlan plan = plan("", Path.of("models/rssm_model.pt"));
        assertEquals(dir.resolve("models/rssm_model.pt"), plan.modelPath());
        assertEquals(List.of("model-bucket/models/rssm_model.pt"), objects(plan));
    }

    @Test
    void returnedValuesThatArePaths() {
        assertEquals(Path.of("/a/b"), ReturnedPath.of("/a/b"));
        assertEquals(Path.of("/a/b"), ReturnedPath.of(Path.of("/a/b")));
        assertEquals(Path.of("/a/b"), ReturnedPath.of(new java.io.File("/a/b")));
        assertEquals(Path.of("/a/b"), ReturnedPath.of(URI.create("file:///a/b")));
        assertEquals(null, ReturnedPath.of(URI.create("https://example.invalid/a")));
        assertEquals(null, ReturnedPath.of(42));
        assertEquals(null, ReturnedPath.of("  "));
    }
}
