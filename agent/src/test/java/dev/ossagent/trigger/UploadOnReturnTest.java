package dev.ossagent.trigger;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Settings;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.StateDir;
import dev.ossagent.log.LogCapture;
import dev.ossagent.transfer.UploadProgress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a target's path value becomes: locations that are not local files are one note each and no upload. */
class UploadOnReturnTest {
    @TempDir
    Path dir;

    private final List<String> uploaded = Collections.synchronizedList(new ArrayList<String>());

    private UploadOnReturn onReturn() throws Exception {
        Path file = dir.resolve("oss-agent.properties");
        Files.writeString(file, "ossagent.target.class=T\nossagent.model.bucket=model-bucket\nossagent.state.dir="
                + dir.resolve("state") + "\n");
        Settings settings = Settings.parse(RawSettings.load(file.toString(), Map.of(), new Properties()));
        UploadQueue queue = new UploadQueue(new UploadQueue.Uploader() {
            @Override
            public void upload(JournaledPlan plan, UploadProgress progress) {
                uploaded.add(plan.record().modelPath());
                plan.close();
            }

            @Override
            public String leftoverAdvice() {
                return "";
            }

            @Override
            public String resumeCommand() {
                return null;
            }
        });
        this.queue = queue;
        return new UploadOnReturn(settings, StateDir.at(settings.stateDir()), queue);
    }

    private UploadQueue queue;

    @Test
    void hdfsS3AndOssLocationsAreOneNoteEachAndNothingIsUploaded() throws Exception {
        try (LogCapture log = new LogCapture()) {
            UploadOnReturn onReturn = onReturn();
            for (int i = 0; i < 3; i++) {
                onReturn.modelPath("hdfs://namenode:8020/models/m" + i, 1, "org.example.Writer", "save");
                onReturn.modelPath(URI.create("s3://bucket/m" + i), 1, "org.example.Writer", "save");
            }
            onReturn.modelPath("oss://bucket/m", 0, "org.example.Trainer", "train");
            assertTrue(queue.awaitIdle(30_000));
            assertEquals(List.of(), uploaded);
            List<String> lines = Arrays.asList(log.text().trim().split("\n"));
            assertEquals(List.of(
                    "[oss-agent] org.example.Writer#save saved to hdfs://, not to a local file; only local files are"
                            + " uploaded, so its saves there are not (said once)",
                    "[oss-agent] org.example.Writer#save saved to s3://, not to a local file; only local files are"
                            + " uploaded, so its saves there are not (said once)",
                    "[oss-agent] org.example.Trainer#train saved to oss://, not to a local file; only local files are"
                            + " uploaded, so its saves there are not (said once)"), lines);
        }
    }

    @Test
    void aRelativePathSavedAgainAndAgainIsNotedOnce() throws Exception {
        try (LogCapture log = new LogCapture()) {
            UploadOnReturn onReturn = onReturn();
            for (int i = 0; i < 5; i++) {
                onReturn.modelPath("ckpt/never-written.bin", 1, "org.example.Writer", "checkpoint");
            }
            assertTrue(queue.awaitIdle(30_000));
            assertEquals(1, log.text().split("was given the relative path ckpt/never-written.bin", -1).length - 1,
                    log.text());
        }
    }

    @Test
    void aLocalPathPassedAsAParameterIsUploadedAndAnythingElseIsNamedByItsParameter() throws Exception {
        try (LogCapture log = new LogCapture()) {
            UploadOnReturn onReturn = onReturn();
            Path model = Files.writeString(dir.resolve("model.json"), "{}");
            onReturn.modelPath(model, 1, "org.example.Booster", "saveModel");
            onReturn.modelPath(42, 2, "org.example.Booster", "saveModel");
            assertTrue(queue.awaitIdle(30_000));
            assertEquals(List.of(model.toString()), uploaded);
            assertTrue(log.text().contains("WARN org.example.Booster#saveModel parameter 2 is a java.lang.Integer, not a"
                    + " path (String, Path, File or file: URI expected); nothing uploaded"), log.text());
        }
    }
}
