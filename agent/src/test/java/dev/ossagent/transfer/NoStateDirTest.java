package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state dir that cannot be used (here: a path under a regular file) does not stop a multipart upload: its
 * checkpoint lives in memory, and an upload that fails is aborted, since nothing could ever resume it.
 */
class NoStateDirTest {
    @TempDir
    Path dir;

    private TransferFixture fixture(String... extra) throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where the state dir's parent should be");
        String[] settings = new String[extra.length + 2];
        settings[0] = "ossagent.state.dir";
        settings[1] = blocker.resolve("state").toString();
        System.arraycopy(extra, 0, settings, 2, extra.length);
        return new TransferFixture(dir, settings);
    }

    @Test
    void aMultipartUploadWorksWithItsCheckpointInMemory() throws Exception {
        try (TransferFixture oss = fixture()) {
            Path model = oss.file("model.bin", 500_000, 21);

            new ObjectUploader(oss.client, oss.settings).upload(oss.planned(model), null);

            assertTrue(oss.storedEquals(model, "models/model.bin"));
            assertTrue(oss.server.requestLog().stream().filter(line -> line.contains("partNumber=")).count() >= 5,
                    oss.server.requestLog().toString());
        }
    }

    @Test
    void aFailedMultipartUploadWithoutACheckpointOnDiskIsAborted() throws Exception {
        try (TransferFixture oss = fixture("ossagent.retry.max-attempts", "1", "ossagent.multipart.threads", "1")) {
            Path model = oss.file("model.bin", 500_000, 22);
            oss.server.faults().corruptNextPart(true);

            assertThrows(RuntimeException.class,
                    () -> new ObjectUploader(oss.client, oss.settings).upload(oss.planned(model), null));

            assertEquals(1, oss.server.requestLog().stream()
                    .filter(line -> line.startsWith("DELETE ") && line.contains("uploadId=")).count(),
                    "the upload was aborted: " + oss.server.requestLog());
        }
    }
}
