package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.credentials.Credentials;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The totals {@link UploadProgress} keeps for JMX, after a plan with one vanished file. */
class UploadTotalsTest {
    @TempDir
    Path dir;

    @Test
    void countersAfterAPlanWithOneVerifiedAndOneVanishedFile() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 50_000, 3);
            Path scaler = oss.file("scaler.pkl", 2_000, 4);
            List<JournalEntry> entries = List.of(
                    new JournalEntry(1, model, TransferFixture.BUCKET, "models/model.bin", 50_000),
                    new JournalEntry(2, scaler, TransferFixture.BUCKET, "models/scaler.pkl", 2_000));
            UploadProgress progress = new UploadProgress();
            progress.watched(); // as the JMX bean does: failure kinds are worked out
            try (JournaledPlan plan = new Journal(oss.settings.stateDir()).record(PlanRecord.now("com.example.T#train",
                    model.toString(), oss.settings.endpoint().url(), TransferFixture.BUCKET,
                    "models/oss-agent-manifest.json").withRun("run-t", 0, null), entries)) {
                Files.delete(scaler);
                progress.planned(2, 52_000);
                assertEquals(-1.0, progress.secondsSinceLastVerified());
                new PlanRunner(oss.client, oss.settings, new ResolvedCredentials(
                        new Credentials(TransferFixture.ID, TransferFixture.SECRET, null), "test")).run(plan, progress);
            }
            assertEquals(2, progress.filesPlanned());
            assertEquals(52_000, progress.bytesPlanned());
            assertEquals(1, progress.filesVerified());
            assertEquals(50_000, progress.bytesVerified());
            assertEquals(1, progress.filesSent());
            assertTrue(progress.bytesSent() >= 50_000, "" + progress.bytesSent());
            assertEquals(1, progress.filesFailed());
            assertEquals(2_000, progress.bytesFailed());
            assertEquals("local-file-gone", progress.lastFailureKind());
            assertEquals(0, progress.filesInFlight());
            assertEquals(0, progress.bytesInFlight());
            assertEquals(0, progress.filesLeft());
            assertEquals("run-t", progress.currentRun());
            assertNull(progress.credentialsExpiry(), "long-lived keys do not expire");
            assertTrue(progress.secondsSinceLastVerified() >= 0 && progress.secondsSinceLastVerified() < 60);
        }
    }
}
