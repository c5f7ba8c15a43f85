package dev.ossagent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path state;

    private static List<JournalEntry> entries(Path dir) {
        return List.of(new JournalEntry(1, dir.resolve("a.pt"), "models-bucket", "models/a.pt", 10),
                new JournalEntry(2, dir.resolve("data.json"), "data-bucket", "training-data/data.json", 20));
    }

    private static PlanRecord draft() {
        return PlanRecord.now("com.example.Trainer#train", "/runs/7/a.pt", "http://127.0.0.1:1", "models-bucket",
                "models/oss-agent-manifest.json");
    }

    private static UploadedFile uploaded(JournalEntry entry) {
        return new UploadedFile(entry.path().toString(), entry.bucket(), entry.key(), entry.size(), "18446744073709551615",
                "ab".repeat(32), 0.5, false);
    }

    @Test
    void aRecordedPlanIsCountedCheaplyAndHeldByItsProcess() throws Exception {
        Journal journal = new Journal(state);
        assertEquals(0, PendingCount.files(state), "no journal folder yet");
        JournaledPlan plan = journal.record(draft(), entries(state));

        assertEquals(2, PendingCount.files(state));
        assertEquals(List.of(plan.record().id()), journal.planIds());
        assertNull(journal.open(plan.record().id()), "held while this process uploads it");
        plan.close();

        JournaledPlan reopened = journal.open(plan.record().id());
        assertNotNull(reopened);
        assertEquals(2, reopened.pending().size());
        assertEquals("models/a.pt", reopened.pending().get(0).key());
        assertEquals(30, reopened.pendingBytes());
        assertTrue(reopened.manifestPending());
        assertEquals("com.example.Trainer#train", reopened.record().trainer());
        reopened.close();
    }

    @Test
    void entriesGoOnlyWhenVerifiedAndAFinishedPlanLeavesNothing() throws Exception {
        Journal journal = new Journal(state);
        JournaledPlan plan = journal.record(draft(), entries(state));
        String id = plan.record().id();
        plan.done(plan.pending().get(0), uploaded(plan.pending().get(0)));
        plan.recordHost("trainer-7");
        plan.close();
        assertEquals(1, PendingCount.files(state));

        JournaledPlan later = journal.open(id);
        assertEquals(1, later.pending().size());
        assertEquals(1, later.done().size());
        assertEquals("18446744073709551615", later.done().get(0).crc64());
        assertEquals("trainer-7", later.record().host());
        later.done(later.pending().get(0), uploaded(later.pending().get(0)));
        assertFalse(later.finished(), "the manifest is still to write");
        later.manifestSettled();
        assertTrue(later.finished());
        later.close();

        assertEquals(0, PendingCount.files(state));
        try (Stream<Path> left = Files.list(journal.dir())) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aKillBetweenDoneAndDeletingPendingCountsAsDone() throws Exception {
        Journal journal = new Journal(state);
        JournaledPlan plan = journal.record(draft(), entries(state));
        String id = plan.record().id();
        JournalEntry first = plan.pending().get(0);
        PropertiesFiles.write(journal.entryFile(id, 1, Journal.DONE), uploaded(first).toProperties());
        plan.close();

        JournaledPlan later = journal.open(id);
        assertEquals(1, later.pending().size());
        assertEquals(2, later.pending().get(0).index());
        later.close();
        assertEquals(1, PendingCount.files(state));
    }

    @Test
    void filesOfAPlanThatWasNeverWholeAreRemoved() throws Exception {
        Journal journal = new Journal(state);
        JournaledPlan plan = journal.record(draft(), entries(state));
        String id = plan.record().id();
        plan.close();
        Files.delete(journal.planFile(id)); // as if killed before the plan file was written

        journal.removeIncomplete();
        assertEquals(List.of(), journal.planIds());
        assertEquals(0, PendingCount.files(state));
    }

    @Test
    void theResumeHintNamesTheSettingsFileAndAStateDirThatIsNotTheDefault() {
        String hint = ResumeHint.command(Path.of("/etc/oss-agent.properties"), state);
        assertTrue(hint.startsWith("java -jar "), hint);
        assertTrue(hint.endsWith(" resume --config /etc/oss-agent.properties -Dossagent.state.dir=" + state), hint);
        assertTrue(ResumeHint.command(null, state).endsWith(" resume -Dossagent.state.dir=" + state));
        assertTrue(ResumeHint.command(Path.of("/etc/oss-agent.properties"), Settings.defaultStateDir())
                .endsWith(" resume --config /etc/oss-agent.properties"), "the default needs no -D");
        assertTrue(ResumeHint.command(Path.of("/my runs/oss-agent.properties"), null)
                .endsWith(" resume --config '/my runs/oss-agent.properties'"), "quoted for the shell");
    }

    @Test
    void aNewPlanForTheSamePathFromThisJvmReplacesTheOlderOnesNoLongerHeld() throws Exception {
        Journal journal = new Journal(state);
        String first;
        try (JournaledPlan failed = journal.record(draft(), entries(state))) {
            first = failed.record().id(); // its upload failed (a wrong key): closed, still in the journal
        }
        JournaledPlan held = journal.record(draft(), entries(state));
        assertEquals(List.of(held.record().id()), journal.planIds(), "the older plan of the path is gone");

        JournaledPlan another = journal.record(draft(), entries(state));
        assertEquals(2, journal.planIds().size(), "a plan still held (being uploaded) is left alone");
        assertTrue(journal.planIds().contains(held.record().id()));
        assertTrue(!journal.planIds().contains(first));

        JournaledPlan otherPath = journal.record(PlanRecord.now("com.example.Trainer#train", "/runs/7/b.pt",
                "http://127.0.0.1:1", "models-bucket", "models/oss-agent-manifest.json"), entries(state));
        assertEquals(3, journal.planIds().size(), "another path's plan is another plan");
        held.close();
        another.close();
        otherPath.close();
    }
}
