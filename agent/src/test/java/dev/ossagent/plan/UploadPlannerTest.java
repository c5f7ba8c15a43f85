package dev.ossagent.plan;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Settings;
import dev.ossagent.log.LogCapture;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadPlannerTest {
    @TempDir
    Path dir;

    @TempDir
    Path outside;

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
    void theRunsPlaceholdersExpandInFileListsAndPrefixes() throws Exception {
        Path model = write("out/model.bin", 4);
        write("out/r-9-rank0.log", 2);
        UploadPlan plan = plan("ossagent.run.id=r-9\nossagent.model.prefix=runs/${run}/\n"
                + "ossagent.model.files=${model},${modelDir}/${run}-rank${rank}.log\n", model);
        assertEquals(List.of("model-bucket/runs/r-9/model.bin", "model-bucket/runs/r-9/r-9-rank0.log"), objects(plan));
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


    // A folder walk sends neither credentials nor anything outside the folder; listed files are the user's choice.

    private static List<String> keys(UploadPlan plan) {
        List<String> keys = new ArrayList<>();
        for (PlannedFile file : plan.files()) {
            keys.add(file.key());
        }
        return keys;
    }

    private static Path writeIn(Path base, String relative) throws Exception {
        Path path = base.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "x");
    }

    private long notes(String text) {
        return log.text().lines().filter(line -> line.contains("WARN not uploading") && line.contains(text)).count();
    }

    @Test
    void aReturnedDotSkipsTheCsvTheSettingsFileAndCredentialsByNameWithOneNoteEach() throws Exception {
        writeIn(dir, "AccessKey.csv");
        writeIn(dir, "model.pt");
        for (String name : List.of("accesskey_backup.csv", "server.pem", "tls.key", ".env", "credentials",
                "credentials.ini", ".aliyun/config.json", ".alibabacloud/config.json", "id_rsa", "id_rsa.pub",
                "cert.p12")) {
            writeIn(dir, "sub/" + name);
        }
        writeIn(dir, "sub/config.json");
        UploadPlan plan = plan("access_key_id=LTAI-MADEUP-0001\naccess_key_secret=made-up-never-print-secret\n",
                Path.of("."));
        assertEquals(List.of("models/" + dir.getFileName() + "/model.pt", "models/" + dir.getFileName()
                + "/sub/config.json"), keys(plan));
        assertTrue(plan.missing().isEmpty(), plan.missing().toString());
        assertEquals(1, notes(dir.resolve("AccessKey.csv") + ": it is the credentials CSV in use"), log.text());
        assertEquals(1, notes(dir.resolve("oss-agent.properties") + ": it is the settings file in use"), log.text());
        assertEquals(11, notes("a credentials file by its name"), log.text());
        log.assertNoSecret();
    }

    @Test
    void aLinkToTheCsvInUseIsNotSentUnderAnotherName() throws Exception {
        Path csv = writeIn(outside, "keys/AccessKey.csv");
        writeIn(dir, "run/model.pt");
        Files.createSymbolicLink(dir.resolve("run/weights.bin"), csv);
        Files.createSymbolicLink(dir.resolve("run/inside.bin"), dir.resolve("run/model.pt"));
        UploadPlan plan = plan("ossagent.credentials.csv=" + csv + "\n", dir.resolve("run"));
        assertEquals(List.of("models/run/inside.bin", "models/run/model.pt"), keys(plan));
        assertEquals(1, notes(dir.resolve("run/weights.bin").toString()), log.text());
    }

    @Test
    void aListedFileIsSentUnlessItIsTheCsvOrSettingsFileInUseHoweverItIsNamed() throws Exception {
        writeIn(dir, "AccessKey.csv");
        writeIn(dir, "x/deploy.pem");
        Files.createSymbolicLink(dir.resolve("keys.txt"), dir.resolve("AccessKey.csv"));
        UploadPlan plan = plan("ossagent.model.files=${model},./x/../AccessKey.csv,keys.txt,oss-agent.properties\n",
                dir.resolve("x/deploy.pem"));
        assertEquals(List.of("models/deploy.pem"), keys(plan));
        assertEquals(2, notes("it is the credentials CSV in use"), log.text());
        assertEquals(1, notes("it is the settings file in use"), log.text());
        assertTrue(plan.missing().isEmpty(), plan.missing().toString());
    }

    @Test
    void aLinkLeadingOutOfTheFolderIsSkippedWithOneNoteAndLinksInsideAreFollowed() throws Exception {
        writeIn(outside, "etc/shadow");
        writeIn(outside, "secret.txt");
        writeIn(dir, "ckpt/a.bin");
        writeIn(dir, "ckpt/sub/b.bin");
        Files.createSymbolicLink(dir.resolve("ckpt/etc"), outside.resolve("etc"));
        Files.createSymbolicLink(dir.resolve("ckpt/note.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(dir.resolve("ckpt/up"), dir.resolve("ckpt/../models-elsewhere"));
        Files.createDirectories(dir.resolve("models-elsewhere"));
        writeIn(dir, "models-elsewhere/c.bin");
        Files.createSymbolicLink(dir.resolve("ckpt/same"), dir.resolve("ckpt/sub"));
        UploadPlan plan = plan("", dir.resolve("ckpt"));
        assertEquals(List.of("models/ckpt/a.bin", "models/ckpt/same/b.bin", "models/ckpt/sub/b.bin"), keys(plan));
        assertEquals(1, notes(dir.resolve("ckpt/etc") + ": a symbolic link to " + outside.toRealPath().resolve("etc")
                + ", outside " + dir.resolve("ckpt")), log.text());
        assertEquals(1, notes(dir.resolve("ckpt/note.txt") + ": a symbolic link to"), log.text());
        assertEquals(1, notes(dir.resolve("ckpt/up") + ": a symbolic link to"), log.text());
        assertEquals(3, notes("outside"), log.text());
        assertTrue(plan.missing().isEmpty(), plan.missing().toString());
    }

    @Test
    void credentialNames() {
        for (String name : List.of("AccessKey.csv", "accesskey (1).csv", "a.PEM", "b.key", ".env", "credentials",
                "credentials.ini", "home/.aliyun/config.json", ".alibabacloud/config.json", "id_rsa", "id_rsa_ci.pub",
                "x.p12")) {
            assertTrue(NeverUploaded.credentialByName(Path.of(name)) != null, name);
        }
        for (String name : List.of("model.pt", "config.json", "aliyun/config.json", "keys.csv", "env", "key.txt",
                "credentials.json", "my.env")) {
            assertNull(NeverUploaded.credentialByName(Path.of(name)), name);
        }
    }

    @Test
    void aFileWhoseKeyWouldPassOssLimitIsOneLineAtPlanTimeAndAGap() throws Exception {
        String deep = String.join("/", java.util.Collections.nCopies(5, "d".repeat(200)));
        Path model = write("ckpt/" + deep + "/shard.bin", 3);
        write("ckpt/small.bin", 3);
        UploadPlan plan = plan("ossagent.model.files=${model}\nossagent.data.files=\n", dir.resolve("ckpt"));

        assertEquals(List.of("model-bucket/models/ckpt/small.bin"), objects(plan));
        assertEquals(1, plan.gaps().size(), plan.gaps().toString());
        assertTrue(plan.gaps().get(0).startsWith(model + " would become a key of 1026 bytes, past OSS's 1023-byte"
                + " limit"), plan.gaps().toString());
        assertTrue(log.text().contains("ERROR " + model + " would become a key of 1026 bytes"), log.text());
    }
}
