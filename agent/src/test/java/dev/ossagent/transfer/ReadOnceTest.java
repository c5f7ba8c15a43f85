package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.integrity.FileDigest;
import dev.ossagent.integrity.FileVersion;
import dev.ossagent.plan.PlannedFile;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multipart upload reads the file once, in order, for its parts' CRC64 and its SHA-256 (issue 25), holding at most
 * threads + 1 parts; without room for them, each part is read where it lies and the file a second time.
 */
class ReadOnceTest {
    private static final int PART = 102_400;
    private static final int SIZE = 7 * PART + 1234;

    @TempDir
    Path dir;

    @Test
    void eachByteIsReadOnceAndTheObjectAndItsHashesAreTheFiles() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", SIZE, 21);
            try (FileVersion version = FileVersion.open(model)) {
                MultipartUpload.Sent sent = upload(oss, new PartBuffers(1L << 30), model, version);

                assertEquals(SIZE, version.bytesRead(), "each byte read once");
                assertTrue(oss.storedEquals(model, "models/model.bin"));
                assertArrayEquals(FileDigest.sha256Of(model), sent.sha256);
                assertEquals(RangeCrc.of(version, 0, SIZE), sent.crc.crc64);
                assertTrue(sent.crc.confirmed, "the completion's CRC64 is the parts' combined");
            }
        }
    }

    @Test
    void withoutRoomForThreadsPlusOnePartsEachPartIsReadWhereItLiesAndTheFileAgain() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", SIZE, 22);
            try (FileVersion version = FileVersion.open(model)) {
                // 2 threads: 3 parts needed, room for 2
                MultipartUpload.Sent sent = upload(oss, new PartBuffers(2L * PART), model, version);

                assertEquals(2L * SIZE, version.bytesRead());
                assertTrue(oss.storedEquals(model, "models/model.bin"));
                assertArrayEquals(FileDigest.sha256Of(model), sent.sha256);
            }
        }
    }

    @Test
    void aFileOfFewPartsNeedsRoomForThoseOnly() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("small-parts.bin", 2 * PART, 25);
            try (FileVersion version = FileVersion.open(model)) {
                // 2 threads would hold 3 parts; the file has 2
                upload(oss, new PartBuffers(2L * PART), model, version, 2 * PART);

                assertEquals(2L * PART, version.bytesRead(), "read once: 2 parts fit");
                assertTrue(oss.storedEquals(model, "models/small-parts.bin"));
            }
        }
    }

    @Test
    void aPartTheServerStoredWrongIsSentAgainFromItsBufferNotReadAgain() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", SIZE, 23);
            oss.server.faults().corruptNextPart(true);
            try (FileVersion version = FileVersion.open(model)) {
                upload(oss, new PartBuffers(1L << 30), model, version);

                assertEquals(SIZE, version.bytesRead());
                assertTrue(oss.storedEquals(model, "models/model.bin"));
                assertFalse(oss.server.faults().corruptNextPart(), "one part was stored corrupted and sent again");
            }
        }
    }

    @Test
    void aFileCutShorterWhileItIsReadIsAChangeNotAnUpload() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", SIZE, 24);
            try (FileVersion version = FileVersion.open(model)) {
                try (RandomAccessFile file = new RandomAccessFile(model.toFile(), "rw")) {
                    file.setLength(3 * PART); // rewritten in place after it was opened
                }
                FileChanged changed = assertThrows(FileChanged.class,
                        () -> upload(oss, new PartBuffers(1L << 30), model, version));

                assertTrue(changed.getMessage().contains("size " + SIZE + " -> " + 3 * PART), changed.getMessage());
                assertFalse(Files.exists(oss.server.root().resolve(TransferFixture.BUCKET).resolve("models/model.bin")));
            }
        }
    }

    private static MultipartUpload.Sent upload(TransferFixture oss, PartBuffers buffers, Path model,
                                               FileVersion version) throws Exception {
        return upload(oss, buffers, model, version, SIZE);
    }

    private static MultipartUpload.Sent upload(TransferFixture oss, PartBuffers buffers, Path model,
                                               FileVersion version, long size) throws Exception {
        PlannedFile planned = oss.planned(model);
        MultipartUpload multipart = new MultipartUpload(oss.client, new Retrier(5, 60_000, 1, millis -> { }), 2, 4,
                BandwidthCap.NONE, new PlanAbort(), buffers);
        TransferProgress progress = new TransferProgress(planned.objectName(), size, 0, null, null);
        return multipart.upload(planned, version, PART, oss.dir.resolve("checkpoint"), progress,
                ObjectHeaders.of(oss.settings, "run-1", "test"));
    }
}
