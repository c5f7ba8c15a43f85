package dev.ossagent.transfer;

import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.UploadPartRequest;
import dev.ossagent.integrity.FileDigest;
import dev.ossagent.integrity.FileSnapshot;
import dev.ossagent.journal.UploadedFile;
import dev.ossagent.plan.PlannedFile;
import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One file through {@link ObjectUploader} against local-oss, in-process: integrity, skipping, changed files. */
class TransferTest {
    @TempDir
    Path dir;

    @Test
    void aCorruptedPartIsCaughtAndSentAgain() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 1_000_000, 1);
            oss.server.faults().corruptNextPart(true);

            UploadedFile result = new ObjectUploader(oss.client, oss.settings).upload(oss.planned(model), null);

            assertTrue(oss.storedEquals(model, "models/model.bin"));
            assertEquals(1, oss.lines("CRC64 of what arrived differs from what was sent"), oss.log());
            assertEquals(1, oss.lines("uploaded hktech-agent-models/models/model.bin"), oss.log());
            assertFalse(result.skipped());
            assertEquals(64, result.sha256().length());
        }
    }

    @Test
    void aCorruptedObjectIsNeverReportedAsUploaded() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir, "ossagent.retry.max-attempts", "1")) {
            Path small = oss.file("scaler.pkl", 5_000, 2);
            oss.server.faults().corruptNextPart(true);

            assertThrows(InconsistentException.class,
                    () -> new ObjectUploader(oss.client, oss.settings).upload(oss.planned(small), null));
            assertEquals(0, oss.lines("uploaded "), oss.log());
        }
    }

    @Test
    void aFileRewrittenWhileItIsSentEndsUpAsItsFinalContent() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir, "ossagent.multipart.threads", "1")) {
            Path model = oss.file("model.bin", 600_000, 3);
            byte[] rewritten = new byte[700_000];
            new Random(4).nextBytes(rewritten);
            oss.server.faults().delayMillis(150);
            Thread trainer = new Thread(() -> {
                try {
                    // Rewrite once the first part is in: the upload is surely under way, and not over.
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (oss.server.requestLog().stream().noneMatch(line -> line.contains("partNumber=1&"))
                            && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    Files.write(model, rewritten);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            trainer.start();

            new ObjectUploader(oss.client, oss.settings).upload(oss.planned(model), null);
            trainer.join();

            assertTrue(oss.storedEquals(model, "models/model.bin"), "the object is the rewritten file");
            assertTrue(oss.log().contains("changed while it was being uploaded (size 600000 -> 700000 bytes"), oss.log());
            assertTrue(oss.log().contains("that upload was abandoned"), oss.log());
        }
    }

    @Test
    void aPutObjectWhoseBytesDifferFromTheSha256ReadBeforeIsSentAgainEvenWithSizeAndMtimeKept() throws Exception {
        // x-oss-meta-sha256 is read before the body goes: a rewrite in place that keeps size and mtime (which the
        // before/after snapshot cannot see) makes the sent bytes' SHA-256 differ, so the file is sent again.
        try (TransferFixture oss = new TransferFixture(dir, "ossagent.upload.max-bandwidth", "100KB")) {
            Path model = oss.file("model.bin", 190_000, 5);
            FileTime mtime = Files.getLastModifiedTime(model);
            byte[] rewritten = new byte[190_000];
            new Random(6).nextBytes(rewritten);
            Thread trainer = new Thread(() -> {
                try {
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (oss.server.bytesReceived() < 20_000 && System.nanoTime() < deadline) {
                        Thread.sleep(2);
                    }
                    try (RandomAccessFile file = new RandomAccessFile(model.toFile(), "rw")) {
                        file.write(rewritten);
                    }
                    Files.setLastModifiedTime(model, mtime);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            trainer.start();

            new ObjectUploader(oss.client, oss.settings).upload(oss.planned(model), null);
            trainer.join();

            assertTrue(oss.storedEquals(model, "models/model.bin"), "the object is the rewritten file: " + oss.log());
            assertTrue(oss.log().contains("changed while it was being uploaded; sending it again"), oss.log());
            assertEquals(FileDigest.hex(FileDigest.sha256Of(model)), oss.client.getObjectMetadata(TransferFixture.BUCKET,
                    "models/model.bin").getUserMetadata().get("sha256"));
        }
    }

    @Test
    void anObjectAlreadyInOssWithTheSameBytesIsNotSentAgain() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 300_000, 5);
            ObjectUploader uploader = new ObjectUploader(oss.client, oss.settings);
            UploadedFile first = uploader.upload(oss.planned(model), null);
            long received = oss.server.bytesReceived();

            UploadedFile second = uploader.upload(oss.planned(model), null);

            assertTrue(second.skipped());
            assertEquals(first.crc64(), second.crc64());
            assertEquals(first.sha256(), second.sha256());
            assertEquals(received, oss.server.bytesReceived(), "not one byte sent again");
            assertTrue(oss.log().contains("models/model.bin is already in OSS with the same size and CRC64; not sent"
                    + " again"), oss.log());
        }
    }

    @Test
    void skippingCanBeTurnedOff() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir, "ossagent.skip-unchanged", "false")) {
            Path small = oss.file("scaler.pkl", 50_000, 6);
            ObjectUploader uploader = new ObjectUploader(oss.client, oss.settings);
            uploader.upload(oss.planned(small), null);
            long received = oss.server.bytesReceived();

            assertFalse(uploader.upload(oss.planned(small), null).skipped());
            assertEquals(received + 50_000, oss.server.bytesReceived());
        }
    }

    @Test
    void theCheckpointOfAFileThatChangedIsAbortedNotReused() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 400_000, 7);
            PlannedFile planned = oss.planned(model);
            String uploadId = oss.client.initiateMultipartUpload(
                    new InitiateMultipartUploadRequest(TransferFixture.BUCKET, planned.key())).getUploadId();
            oss.client.uploadPart(new UploadPartRequest(TransferFixture.BUCKET, planned.key(), uploadId, 1,
                    new ByteArrayInputStream(new byte[102_400]), 102_400));
            Path base = dir.resolve("state/multipart").resolve(ObjectUploader.checkpointName("cli", planned));
            MultipartCheckpoint.create(base, planned, FileSnapshot.of(model), 102_400, uploadId);
            Files.setLastModifiedTime(model, FileTime.fromMillis(System.currentTimeMillis() + 10_000));

            new ObjectUploader(oss.client, oss.settings).upload(planned, null);

            assertTrue(oss.storedEquals(model, "models/model.bin"));
            assertTrue(oss.server.requestLog().stream().anyMatch(line -> line.startsWith("DELETE ")
                    && line.contains("uploadId=" + uploadId) && line.endsWith("-> 204")), "old upload aborted");
            assertFalse(Files.exists(base.resolveSibling(base.getFileName() + ".upload")), "checkpoint gone after success");
        }
    }

    @Test
    void aClockAnHourOffIsCorrectedFromTheServersAnswerAndTheUploadGoesOn() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 300_000, 9);
            com.aliyun.oss.ClientBuilderConfiguration conf = OssClients.configuration(oss.settings);
            conf.setTickOffset(System.currentTimeMillis() - 3_600_000);
            com.aliyun.oss.OSS skewed = OssClients.create(oss.settings,
                    new dev.ossagent.credentials.Credentials(TransferFixture.ID, TransferFixture.SECRET, null), conf);
            try {
                new ObjectUploader(skewed, oss.settings).upload(oss.planned(model), null);
            } finally {
                skewed.shutdown();
            }
            assertTrue(oss.storedEquals(model, "models/model.bin"));
            assertEquals(1, oss.lines("(RequestTimeTooSkewed)"), oss.log());
            assertEquals(1, oss.server.requestLog().stream().filter(line -> line.endsWith("-> 403")).count(),
                    "one refused request, then the corrected clock: " + oss.server.requestLog());
        }
    }

    @Test
    void aWrongKeyCostsOneRequestAndIsNotRetried() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 1_000, 8);
            com.aliyun.oss.OSS wrong = OssClients.create(oss.settings,
                    new dev.ossagent.credentials.Credentials(TransferFixture.ID, "made-up-wrong-never-print", null));
            try {
                com.aliyun.oss.OSSException e = assertThrows(com.aliyun.oss.OSSException.class,
                        () -> new ObjectUploader(wrong, oss.settings).upload(oss.planned(model), null));
                assertEquals("SignatureDoesNotMatch", e.getErrorCode());
            } finally {
                wrong.shutdown();
            }
            assertEquals(1, oss.server.requestCount());
            assertFalse(oss.log().contains("retry"), oss.log());
        }
    }
}
