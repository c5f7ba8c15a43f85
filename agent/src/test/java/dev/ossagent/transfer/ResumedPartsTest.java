package dev.ossagent.transfer;

import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.UploadPartResult;
import dev.ossagent.integrity.FileSnapshot;
import dev.ossagent.integrity.ObjectCheck;
import dev.ossagent.journal.UploadedFile;
import dev.ossagent.plan.PlannedFile;
import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multipart upload resumed from a checkpoint after the file was rewritten in place and its mtime put back
 * (what a kill -9 and a careless trainer leave): the parts already in OSS are checked against the file's
 * bytes, the changed ones are sent again, and the object ends up equal to the file.
 */
class ResumedPartsTest {
    private static final int PART = 102_400;

    @TempDir
    Path dir;

    @Test
    void partsStoredFromOlderBytesAreSentAgainAndTheObjectIsTheFile() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            Path model = oss.file("model.bin", 5 * PART, 11);
            PlannedFile planned = oss.planned(model);
            byte[] original = Files.readAllBytes(model);
            String uploadId = oss.client.initiateMultipartUpload(
                    new InitiateMultipartUploadRequest(TransferFixture.BUCKET, planned.key())).getUploadId();
            Path base = oss.settings.stateDir().resolve("multipart").resolve(ObjectUploader.checkpointName("cli", planned));
            MultipartCheckpoint checkpoint = MultipartCheckpoint.create(base, planned, FileSnapshot.of(model), PART, uploadId);
            for (int number = 1; number <= 3; number++) {
                UploadPartResult part = oss.client.uploadPart(new UploadPartRequest(TransferFixture.BUCKET, planned.key(),
                        uploadId, number, new ByteArrayInputStream(Arrays.copyOfRange(original, (number - 1) * PART,
                        number * PART)), PART));
                checkpoint.partStored(new PartETag(number, part.getETag(), PART, part.getServerCRC()));
            }
            FileTime mtime = Files.getLastModifiedTime(model);
            try (RandomAccessFile file = new RandomAccessFile(model.toFile(), "rw")) {
                file.write(new byte[1000]); // the first part changes, in place: same size
            }
            Files.setLastModifiedTime(model, mtime);

            UploadedFile result = new ObjectUploader(oss.client, oss.settings).upload(planned, null);

            assertTrue(oss.storedEquals(model, "models/model.bin"), "the object is the file as it is now");
            assertTrue(oss.log().contains("1 of the 3 parts of hktech-agent-models/models/model.bin already in OSS no"
                    + " longer match"), oss.log());
            assertTrue(oss.log().contains("resuming hktech-agent-models/models/model.bin: 2 of 5 parts"), oss.log());
            assertEquals(Long.toUnsignedString(RangeCrc.of(dev.ossagent.integrity.FileVersion.open(model), 0, 5 * PART)), result.crc64(), "the file's own CRC64");
        }
    }

    @Test
    void theObjectMustCarryTheFilesOwnCrc64() {
        assertEquals(null, ObjectCheck.problem(10, 42L, 10, 42L));
        assertTrue(ObjectCheck.problem(10, 41L, 10, 42L).startsWith("its CRC64 is 41, the file's 42"));
        assertTrue(ObjectCheck.problem(9, 42L, 10, 42L).startsWith("it has 9 bytes"));
        assertTrue(ObjectCheck.problem(10, null, 10, 42L).contains("no CRC64"), "no CRC64 proves nothing");
    }
}
