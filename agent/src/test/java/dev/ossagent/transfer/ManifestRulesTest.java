package dev.ossagent.transfer;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.Credentials;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.log.LogCapture;
import dev.ossagent.plan.PlannedFile;
import dev.ossagent.plan.UploadPlan;
import dev.ossagent.plan.UploadPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifest means the set is complete and current: never written when a listed file was missing or two files
 * would become one object, never over the manifest of a newer plan; and a file no longer what its plan saw is
 * uploaded only with a line saying so.
 */
class ManifestRulesTest {
    private static final String MANIFEST = "hktech-agent-models/models/oss-agent-manifest.json";

    @TempDir
    Path dir;

    private static PlanRecord draft(String modelPath) {
        return PlanRecord.now("com.example.T#train", modelPath, "unused", TransferFixture.BUCKET,
                "models/oss-agent-manifest.json");
    }

    private static JournaledPlan record(TransferFixture oss, PlanRecord draft, Path... files) throws Exception {
        List<JournalEntry> entries = new ArrayList<>();
        for (Path file : files) {
            entries.add(new JournalEntry(entries.size() + 1, file, TransferFixture.BUCKET, "models/" + file.getFileName(),
                    Files.size(file), Files.getLastModifiedTime(file).toMillis()));
        }
        return new Journal(oss.settings.stateDir()).record(draft, entries);
    }

    private static PlanOutcome run(TransferFixture oss, JournaledPlan plan) {
        try (plan) {
            return new PlanRunner(oss.client, oss.settings, new ResolvedCredentials(
                    new Credentials(TransferFixture.ID, TransferFixture.SECRET, null), "test")).run(plan, new UploadProgress());
        }
    }

    private String manifest(TransferFixture oss) throws Exception {
        Path stored = oss.server.root().resolve(MANIFEST);
        return Files.exists(stored) ? Files.readString(stored) : null;
    }

    @Test
    void aPlanThatNamedAMissingFileGetsNoManifestAndOneLineNamesIt() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 1_000, 1);
            PlanRecord draft = draft(model.toString()).withGaps(List.of(dir.resolve("scaler.pkl")
                    + " (from \"scaler.pkl\"): no such file"));

            PlanOutcome outcome = run(oss, record(oss, draft, model));

            assertEquals(1, outcome.uploaded());
            assertFalse(outcome.manifestWritten());
            assertEquals(null, manifest(oss));
            assertEquals(1, oss.lines("no manifest for " + model + ": the set in OSS is incomplete ("
                    + dir.resolve("scaler.pkl") + " (from \"scaler.pkl\"): no such file)"), oss.log());
        }
    }

    @Test
    void aPlanResumedLaterNeverReplacesTheManifestOfANewerPlan() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 1_000, 2);
            PlanRecord older = draft("/runs/older");
            Thread.sleep(5); // plan times are milliseconds
            PlanRecord newer = draft("/runs/newer");

            assertTrue(run(oss, record(oss, newer, model)).manifestWritten());
            PlanOutcome late = run(oss, record(oss, older, model));

            assertFalse(late.manifestWritten());
            assertTrue(manifest(oss).contains("\"modelPath\": \"/runs/newer\""), manifest(oss));
            assertEquals(1, oss.lines("not replacing the manifest " + MANIFEST + ": it belongs to a newer plan"),
                    oss.log());

            PlanRecord newest = draft("/runs/newest");
            assertTrue(run(oss, record(oss, newest, model)).manifestWritten(), "a newer plan does replace it");
            assertTrue(manifest(oss).contains("\"modelPath\": \"/runs/newest\""), manifest(oss));
        }
    }

    @Test
    void aFileNoLongerWhatThePlanSawIsUploadedWithALineSayingSo() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 1_000, 3);
            JournaledPlan plan = record(oss, draft(model.toString()), model);
            java.nio.file.attribute.FileTime planned = Files.getLastModifiedTime(model);
            Files.write(model, new byte[2_000]);
            // A coarse file system clock can give the rewrite the same millisecond: make the new time differ.
            Files.setLastModifiedTime(model, java.nio.file.attribute.FileTime.fromMillis(planned.toMillis() + 5_000));

            run(oss, plan);

            assertEquals(1, oss.lines(model + " changed since it was planned (size 1000 -> 2000 bytes, modified "),
                    oss.log());
            assertTrue(oss.storedEquals(model, "models/model.bin"));
        }
    }

    @Test
    void twoFilesForOneObjectAreAnErrorNamingBothAndNeitherGoes() throws Exception {
        Files.createDirectories(dir.resolve("ckpt/a"));
        Path slash = Files.write(dir.resolve("ckpt/a/b.bin"), new byte[] {1});
        Path backslash = Files.write(dir.resolve("ckpt/a\\b.bin"), new byte[] {2});
        Path other = Files.write(dir.resolve("ckpt/c.bin"), new byte[] {3});
        Files.writeString(dir.resolve("oss-agent.properties"), "ossagent.target.class=T\nossagent.model.bucket=mmm\n"
                + "ossagent.model.files=${model}\n");
        Settings settings = Settings.parse(RawSettings.load(dir.resolve("oss-agent.properties").toString(), Map.of(),
                new Properties()));
        try (LogCapture log = new LogCapture()) {
            UploadPlan plan = new UploadPlanner(settings, dir).plan(dir.resolve("ckpt"), "T#train");

            assertEquals(List.of(other), plan.files().stream().map(PlannedFile::path).toList());
            assertEquals(List.of(slash + " and " + backslash + " would all become mmm/models/ckpt/a/b.bin"), plan.gaps());
            assertTrue(log.text().contains("ERROR " + slash + " and " + backslash + " would both become"
                    + " mmm/models/ckpt/a/b.bin; neither is uploaded"), log.text());
        }
    }
}
