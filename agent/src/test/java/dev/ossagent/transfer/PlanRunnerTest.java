package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.credentials.Credentials;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PendingCount;
import dev.ossagent.journal.PlanRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journaled plan through {@link PlanRunner}: the manifest goes last, and only for a complete set. */
class PlanRunnerTest {
    @TempDir
    Path dir;

    private static JournaledPlan record(TransferFixture oss, Path... files) throws Exception {
        List<JournalEntry> entries = new java.util.ArrayList<>();
        for (Path file : files) {
            entries.add(new JournalEntry(entries.size() + 1, file, TransferFixture.BUCKET, "models/" + file.getFileName(),
                    Files.size(file)));
        }
        return new Journal(oss.settings.stateDir()).record(PlanRecord.now("com.example.T#train", files[0].toString(),
                oss.settings.endpoint().url(), TransferFixture.BUCKET, "models/oss-agent-manifest.json"), entries);
    }

    private static PlanRunner runner(TransferFixture oss) {
        return new PlanRunner(oss.client, oss.settings,
                new ResolvedCredentials(new Credentials(TransferFixture.ID, TransferFixture.SECRET, null), "test"));
    }

    @Test
    void theManifestIsTheLastObjectWrittenAndTheJournalEmpties() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 500_000, 1);
            Path scaler = oss.file("scaler.pkl", 2_000, 2);
            try (JournaledPlan plan = record(oss, model, scaler)) {
                PlanOutcome outcome = runner(oss).run(plan, new UploadProgress());
                assertEquals(2, outcome.uploaded());
                assertTrue(outcome.manifestWritten());
                assertTrue(plan.finished());
            }
            List<String> log = oss.server.requestLog();
            String lastPut = log.stream().filter(line -> line.startsWith("PUT ") || line.startsWith("POST "))
                    .reduce((a, b) -> b).orElseThrow();
            assertTrue(lastPut.startsWith("PUT /hktech-agent-models/models/oss-agent-manifest.json"), lastPut);
            String manifest = Files.readString(oss.server.root().resolve("hktech-agent-models/models/oss-agent-manifest.json"));
            assertTrue(manifest.contains("\"key\": \"models/model.bin\"") && manifest.contains("\"key\": \"models/scaler.pkl\""),
                    manifest);
            assertEquals(0, PendingCount.files(oss.settings.stateDir()));
        }
    }

    /** After a notice, a file of a later rescue group (one that cannot finish in time) waits for the earlier ones. */
    @Test
    void aLaterRescueGroupStartsOnlyOnceTheEarlierOnesAreOver() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path first = oss.file("first.bin", 1_000, 4); // a plan's first file goes alone, the others side by side
            Path fits = oss.file("fits.bin", 600_000, 5); // six parts of 100 KiB, two at a time
            Path late = oss.file("late.bin", 2_000, 6);
            oss.server.faults().delayMillis(100);
            try (JournaledPlan plan = record(oss, first, fits, late)) {
                PlanOutcome outcome = runner(oss).preemptedWhen(() -> true, pending -> List.of(
                        List.of(pending.get(0), pending.get(1)), List.of(pending.get(2)))).run(plan, new UploadProgress());
                assertEquals(3, outcome.uploaded());
            }
            List<String> log = oss.server.requestLog();
            int lastOfFits = -1;
            int firstOfLate = -1;
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).contains("/models/fits.bin")) {
                    lastOfFits = i;
                } else if (log.get(i).contains("/models/late.bin") && firstOfLate < 0) {
                    firstOfLate = i;
                }
            }
            assertTrue(lastOfFits >= 0 && firstOfLate > lastOfFits, String.join("\n", log));
        }
    }

    @Test
    void aFileThatVanishedIsDroppedAndNoManifestClaimsACompleteSet() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 50_000, 3);
            Path scaler = oss.file("scaler.pkl", 2_000, 4);
            try (JournaledPlan plan = record(oss, model, scaler)) {
                Files.delete(scaler);
                PlanOutcome outcome = runner(oss).run(plan, new UploadProgress());
                assertEquals(1, outcome.uploaded());
                assertEquals(1, outcome.gone());
                assertFalse(outcome.manifestWritten());
                assertTrue(plan.finished(), "nothing is left that could ever be uploaded");
            }
            assertTrue(oss.log().contains("scaler.pkl failed: the file no longer exists; it is dropped from the journal"),
                    oss.log());
            assertTrue(oss.log().contains("no manifest for"), oss.log());
            assertFalse(Files.exists(oss.server.root().resolve("hktech-agent-models/models/oss-agent-manifest.json")));
        }
    }

    /** Issue 22.2: a refused endpoint that never answered is one ERROR for every plan, two tries, then one try each. */
    @Test
    void anEndpointThatNeverAnsweredIsOneErrorForAllPlans() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        // 127.0.0.2: an address no other test's server used, so this JVM has never had an answer from it.
        try (TransferFixture oss = new TransferFixture(dir, "ossagent.endpoint", "http://127.0.0.2:" + port,
                "ossagent.retry.max-time", "5s")) {
            Path model = oss.file("model.bin", 5_000, 5);
            Path scaler = oss.file("scaler.pkl", 2_000, 6);
            long start = System.nanoTime();
            for (int plan = 0; plan < 3; plan++) {
                try (JournaledPlan journaled = record(oss, model, scaler)) {
                    PlanOutcome outcome = runner(oss).run(journaled, new UploadProgress());
                    assertEquals(2, outcome.left(), "both files stay in the journal");
                }
            }
            assertEquals(1, oss.lines("ERROR upload of "), oss.log());
            assertTrue(oss.log().contains("cannot reach http://127.0.0.2:" + port + ": connection refused; check"
                    + " ossagent.endpoint and the network"), oss.log());
            assertEquals(1, oss.lines("has not answered yet, one more try"), oss.log());
            assertTrue(System.nanoTime() - start < 4_000_000_000L, "fast: no back-off beyond the one retry");
        }
    }
}
