package dev.ossagent.transfer;

import com.aliyun.oss.model.PartETag;
import dev.ossagent.integrity.FileSnapshot;
import dev.ossagent.plan.PlannedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void storedPartsSurviveAReloadAndATornLastLineIsIgnored() throws Exception {
        Path data = Files.write(dir.resolve("model.bin"), new byte[300_000]);
        PlannedFile file = new PlannedFile(data, "b", "models/model.bin", 300_000);
        Path base = dir.resolve("state/multipart/abc");
        MultipartCheckpoint checkpoint = MultipartCheckpoint.create(base, file, FileSnapshot.of(data), 102_400, "UPLOAD1");
        checkpoint.partStored(new PartETag(1, "ETAG1", 102_400, -5L));
        checkpoint.partStored(new PartETag(3, "ETAG3", 95_200, 42L));
        Files.write(dir.resolve("state/multipart/abc.parts"), "UPLOAD1 2 ETA".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        MultipartCheckpoint loaded = MultipartCheckpoint.load(base);
        assertEquals("UPLOAD1", loaded.uploadId);
        assertEquals(102_400, loaded.partSize);
        assertEquals(2, loaded.storedParts().size());
        assertEquals(-5L, loaded.storedParts().get(1).getPartCRC(), "unsigned CRC64 round trip");
        assertEquals("ETAG3", loaded.storedParts().get(3).getETag());
        assertTrue(loaded.matches(file, FileSnapshot.of(data)));
    }

    @Test
    void aChangedFileOrAnotherObjectDoesNotMatch() throws Exception {
        Path data = Files.write(dir.resolve("model.bin"), new byte[10]);
        PlannedFile file = new PlannedFile(data, "b", "k", 10);
        Path base = dir.resolve("cp");
        MultipartCheckpoint.create(base, file, FileSnapshot.of(data), 102_400, "U");
        assertFalse(MultipartCheckpoint.load(base).matches(new PlannedFile(data, "b", "other", 10), FileSnapshot.of(data)));
        Files.setLastModifiedTime(data, FileTime.fromMillis(Files.getLastModifiedTime(data).toMillis() + 5_000));
        assertFalse(MultipartCheckpoint.load(base).matches(file, FileSnapshot.of(data)));
    }

    @Test
    void aNewUploadStartsWithNoPartsAndDeleteRemovesBothFiles() throws Exception {
        Path data = Files.write(dir.resolve("model.bin"), new byte[10]);
        PlannedFile file = new PlannedFile(data, "b", "k", 10);
        Path base = dir.resolve("cp");
        MultipartCheckpoint.create(base, file, FileSnapshot.of(data), 102_400, "OLD").partStored(new PartETag(1, "E", 10, 1L));
        MultipartCheckpoint fresh = MultipartCheckpoint.create(base, file, FileSnapshot.of(data), 102_400, "NEW");
        assertTrue(fresh.storedParts().isEmpty());
        assertTrue(MultipartCheckpoint.load(base).storedParts().isEmpty(), "parts of the old upload id do not count");
        fresh.delete();
        assertNull(MultipartCheckpoint.load(base));
        assertFalse(Files.exists(dir.resolve("cp.parts")));
    }
}
