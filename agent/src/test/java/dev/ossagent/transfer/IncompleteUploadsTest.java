package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncompleteUploadsTest {
    @TempDir
    Path dir;

    @Test
    void everyPageUnderThePrefix() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            List<String> begun = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String key = "models/run " + i + "/a+b.bin";
                oss.client.initiateMultipartUpload(new InitiateMultipartUploadRequest(TransferFixture.BUCKET, key));
                begun.add(key);
            }
            oss.client.initiateMultipartUpload(new InitiateMultipartUploadRequest(TransferFixture.BUCKET, "other/x"));
            List<String> listed = new ArrayList<>();
            IncompleteUploads.each(oss.client, TransferFixture.BUCKET, "models/", 2, upload -> listed.add(upload.key));
            assertEquals(begun, listed);
        }
    }

    @Test
    void theCheckpointsOfTheStateDirNameTheUploadsTheyContinue() throws Exception {
        Path multipart = Files.createDirectories(dir.resolve("multipart"));
        Files.writeString(multipart.resolve("abc.upload"), "uploadId=UPLOAD1\npartSize=102400\n");
        Files.writeString(multipart.resolve("abc.parts"), "1 etag\n");
        assertEquals(Set.of("UPLOAD1"), IncompleteUploads.continued(multipart));
        assertEquals(Set.of(), IncompleteUploads.continued(null));
        assertEquals("models/", IncompleteUploads.listedPrefix("models/${run}/"));
        assertEquals("runs/", IncompleteUploads.listedPrefix("runs"));
        assertEquals("a/b/", IncompleteUploads.listedPrefix("a\\b\\${date}"));
    }
}
