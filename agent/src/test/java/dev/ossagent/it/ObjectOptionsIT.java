package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.StorageClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ossagent.overwrite=false, and the metadata, tags, storage class and encryption objects carry, with real JVMs. */
class ObjectOptionsIT {
    private static final String MODELS = TrainerFixture.MODEL_BUCKET;
    private static final String MODEL = "models/rssm_model.pt";
    private static final String MANIFEST = "models/oss-agent-manifest.json";

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private long pendingJournalEntries() throws Exception {
        Path journal = dir.resolve("state/journal");
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pending")).count();
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void overwriteFalseWithTheSameBytesCountsThemAsUploaded(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            // skip-unchanged off, so the second run really sends and OSS refuses (409) to replace.
            fixture.writeSettings("ossagent.overwrite=false\nossagent.skip-unchanged=false");
            JvmRun.Result first = fixture.trainer(java).run();
            assertEquals(0, first.exitCode, first.toString());
            String manifest = fixture.storedText(MODELS, MANIFEST);

            JvmRun.Result second = fixture.trainer(java).run();

            assertEquals(0, second.exitCode, second.toString());
            assertTrue(second.stderr.contains(MODELS + "/" + MODEL + " already exists with the same size and CRC64 as "
                    + dir.resolve(MODEL) + "; counted as uploaded (ossagent.overwrite=false, so it was not sent"
                    + " again)"), second.stderr);
            assertTrue(second.stderr.contains("not replacing the manifest " + MODELS + "/" + MANIFEST + ": it already"
                    + " exists and ossagent.overwrite=false"), second.stderr);
            assertEquals(manifest, fixture.storedText(MODELS, MANIFEST), "the first run's manifest stays");
            assertEquals(0, pendingJournalEntries());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void overwriteFalseWithOtherBytesIsOneErrorTheRestStillGoAndNoManifest(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.overwrite=false\nossagent.model.files=models/rssm_model.pt,"
                    + "models/scaler.pkl,notes.txt");
            Files.writeString(dir.resolve("notes.txt"), "first run");
            JvmRun.Result first = fixture.trainer(java, "--epochs", "1").run();
            assertEquals(0, first.exitCode, first.toString());
            String firstModel = fixture.storedSha256(MODELS, MODEL);
            String manifest = fixture.storedText(MODELS, MANIFEST);
            Files.delete(dir.resolve("notes.txt"));
            Files.writeString(dir.resolve("notes.txt"), "second run, other bytes");

            fixture.writeSettings("ossagent.overwrite=false\nossagent.model.files=models/rssm_model.pt,"
                    + "models/scaler.pkl,notes.txt\nossagent.exit.failure-code=3");
            JvmRun.Result second = fixture.trainer(java, "--epochs", "2").run();

            assertEquals(3, second.exitCode, "refused files are failed uploads: " + second);
            assertTrue(second.stderr.contains("ERROR exiting with 2 file(s) not uploaded because OSS already holds other"
                    + " content there (ossagent.overwrite=false; see above)"), second.stderr);
            assertTrue(!TrainerFixture.sha256(dir.resolve(MODEL)).equals(firstModel), "the model changed");
            List<String> refused = second.stderr.lines().filter(line -> line.contains("already exists and differs"))
                    .toList();
            assertEquals(2, refused.size(), second.stderr);
            assertTrue(refused.stream().anyMatch(line -> line.startsWith("[oss-agent] ERROR")
                    && line.contains(MODELS + "/" + MODEL + " already exists and differs from " + dir.resolve(MODEL))
                    && line.contains("not replaced, since ossagent.overwrite=false; it is dropped from the journal")),
                    second.stderr);
            assertEquals(firstModel, fixture.storedSha256(MODELS, MODEL), "the first run's model stays");
            assertEquals("first run", fixture.storedText(MODELS, "models/notes.txt"));
            assertEquals(manifest, fixture.storedText(MODELS, MANIFEST), "no manifest claims the second set");
            assertTrue(second.stderr.contains("no manifest for "), second.stderr);
            assertTrue(second.stderr.contains("2 of its objects already hold other content"), second.stderr);
            // The data file is the same bytes and went its way; nothing is left for a resume to retry forever.
            assertEquals(TrainerFixture.sha256(dir.resolve("training_episodes.json")),
                    fixture.storedSha256(TrainerFixture.DATA_BUCKET, "training-data/training_episodes.json"));
            assertEquals(0, pendingJournalEntries());
            JvmRun.Result resumed = new JvmRun(java, dir).launch("-jar", Artifacts.agentJar().toString())
                    .args("resume", "--config", fixture.settingsFile.toString()).run();
            assertFalse(resumed.stderr.contains("already exists and differs"), resumed.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void metadataTagsEncryptionAndStorageClassReachLocalOss(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(String.join("\n", "ossagent.tags=project=rssm,stage=nightly build",
                    "ossagent.storage-class=ia", "ossagent.sse=KMS", "ossagent.sse.kms-key-id=made-up-kms-key",
                    "ossagent.multipart.threshold=1MiB", "ossagent.multipart.part-size=1MiB"));
            JvmRun.Result result = fixture.trainer(java, "--pad-model-mb", "3").env("OSSAGENT_RUN_ID", "meta-run").run();
            assertEquals(0, result.exitCode, result.toString());

            ObjectMetadata scaler = fixture.head(MODELS, "models/scaler.pkl"); // one PutObject
            assertEquals("meta-run", scaler.getUserMetadata().get("run"));
            assertEquals("dev.ossagent.demo.DemoTrainer#train", scaler.getUserMetadata().get("trainer"));
            assertEquals(TrainerFixture.sha256(dir.resolve("models/scaler.pkl")), scaler.getUserMetadata().get("sha256"));
            assertEquals(StorageClass.IA, scaler.getObjectStorageClass());
            assertEquals("KMS", scaler.getServerSideEncryption());
            assertEquals("made-up-kms-key", scaler.getServerSideEncryptionKeyId());
            assertEquals(Map.of("project", "rssm", "stage", "nightly build"), fixture.tags(MODELS, "models/scaler.pkl"));

            ObjectMetadata model = fixture.head(MODELS, MODEL); // a multipart upload: no SHA-256 before its parts
            assertEquals("Multipart", model.getObjectType());
            assertEquals("meta-run", model.getUserMetadata().get("run"));
            assertNull(model.getUserMetadata().get("sha256"), "the manifest holds a multipart object's SHA-256");
            assertEquals(StorageClass.IA, model.getObjectStorageClass());
            assertEquals("KMS", model.getServerSideEncryption());
            assertEquals(Map.of("project", "rssm", "stage", "nightly build"), fixture.tags(MODELS, MODEL));
            assertTrue(fixture.storedText(MODELS, MANIFEST).contains("\"sha256\": \""
                    + TrainerFixture.sha256(dir.resolve(MODEL)) + "\""));

            ObjectMetadata manifest = fixture.head(MODELS, MANIFEST); // readable at once: no Archive, no IA
            assertEquals(StorageClass.Standard, manifest.getObjectStorageClass());
            assertEquals("KMS", manifest.getServerSideEncryption());
            assertEquals("meta-run", manifest.getUserMetadata().get("run"));
        }
    }
}
