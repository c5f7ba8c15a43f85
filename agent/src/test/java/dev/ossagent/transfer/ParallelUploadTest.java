package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.credentials.Credentials;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of a plan in parallel, all requests within one connection bound, on daemon threads; the bandwidth cap. */
class ParallelUploadTest {
    @TempDir
    Path dir;

    private static List<Path> files(TransferFixture oss) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            files.add(oss.file("shard-" + i + ".bin", 20_000, i));
        }
        files.add(oss.file("big-1.bin", 450_000, 100)); // multipart: 5 parts of 100 KiB
        files.add(oss.file("big-2.bin", 350_000, 101));
        return files;
    }

    private static PlanOutcome run(TransferFixture oss, List<Path> files) throws Exception {
        List<JournalEntry> entries = new ArrayList<>();
        for (Path file : files) {
            entries.add(new JournalEntry(entries.size() + 1, file, TransferFixture.BUCKET, "models/" + file.getFileName(),
                    Files.size(file)));
        }
        try (JournaledPlan plan = new Journal(oss.settings.stateDir()).record(PlanRecord.now("com.example.T#train",
                files.get(0).toString(), oss.settings.endpoint().url(), TransferFixture.BUCKET,
                "models/oss-agent-manifest.json"), entries)) {
            return new PlanRunner(oss.client, oss.settings, new ResolvedCredentials(
                    new Credentials(TransferFixture.ID, TransferFixture.SECRET, null), "test")).run(plan, new UploadProgress());
        }
    }

    @Test
    void filesGoInParallelButNeverMoreRequestsAtOnceThanConnections() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir, "ossagent.upload.parallel-files", "6",
                "ossagent.upload.connections", "3", "ossagent.skip-unchanged", "false")) {
            List<Path> files = files(oss);
            oss.server.faults().delayMillis(60); // every request stays in progress long enough to overlap
            PlanOutcome outcome = run(oss, files);

            assertEquals(files.size(), outcome.uploaded(), oss.log());
            for (Path file : files) {
                assertTrue(oss.storedEquals(file, "models/" + file.getFileName()), file.toString());
            }
            int peak = oss.server.maxConcurrentRequests();
            assertTrue(peak <= 3, "at most 3 requests at once, saw " + peak);
            assertTrue(peak >= 2, "files went in parallel, saw " + peak + " at most");
            List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("oss-agent-")).collect(Collectors.toList());
            assertTrue(workers.stream().anyMatch(t -> t.getName().startsWith("oss-agent-file-")), workers.toString());
            assertTrue(workers.stream().allMatch(Thread::isDaemon), "upload threads are daemon: " + workers);
        }
    }

    @Test
    void oneConnectionMeansOneRequestAtATimeEvenForParts() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir, "ossagent.upload.parallel-files", "4",
                "ossagent.upload.connections", "1", "ossagent.skip-unchanged", "false")) {
            List<Path> files = files(oss);
            oss.server.faults().delayMillis(20);
            assertEquals(files.size(), run(oss, files).uploaded(), oss.log());
            assertEquals(1, oss.server.maxConcurrentRequests());
        }
    }

    @Test
    void withABandwidthCapEveryByteSentIsPacedByIt() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir, "ossagent.upload.max-bandwidth", "20MB",
                "ossagent.skip-unchanged", "false")) {
            Path small = oss.file("scaler.pkl", 30_000, 1);
            Path big = oss.file("model.bin", 450_000, 2);
            ObjectUploader uploader = new ObjectUploader(oss.client, oss.settings);
            uploader.upload(oss.planned(small), null);
            uploader.upload(oss.planned(big), null);
            assertEquals(480_000, uploader.bytesPaced());
            assertTrue(oss.storedEquals(big, "models/model.bin"));
        }
        try (TransferFixture oss = new TransferFixture(dir.resolve("uncapped"), "ossagent.skip-unchanged", "false")) {
            ObjectUploader uploader = new ObjectUploader(oss.client, oss.settings);
            uploader.upload(oss.planned(oss.file("scaler.pkl", 30_000, 1)), null);
            assertEquals(0, uploader.bytesPaced(), "no cap unless set");
        }
    }
}
