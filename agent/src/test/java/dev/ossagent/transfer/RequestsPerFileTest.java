package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.journal.UploadedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer of a PutObject or CompleteMultipartUpload is the verification: no HEAD after it. */
class RequestsPerFileTest {
    @TempDir
    Path dir;

    private static List<String> requests(TransferFixture oss) {
        return oss.server.requestLog().stream().map(line -> line.substring(0, line.indexOf(' ')))
                .collect(Collectors.toList());
    }

    @Test
    void aSmallFileIsOnePutObject() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir, "ossagent.skip-unchanged", "false")) {
            Path small = oss.file("scaler.pkl", 20_000, 1);
            UploadedFile result = new ObjectUploader(oss.client, oss.settings).upload(oss.planned(small), null);

            assertEquals(List.of("PUT"), requests(oss), oss.server.requestLog().toString());
            assertTrue(oss.storedEquals(small, "models/scaler.pkl"));
            assertEquals(1, oss.lines("uploaded hktech-agent-models/models/scaler.pkl"), oss.log());
            com.aliyun.oss.common.utils.CRC64 crc = new com.aliyun.oss.common.utils.CRC64();
            byte[] bytes = Files.readAllBytes(small);
            crc.update(bytes, bytes.length);
            assertEquals(Long.toUnsignedString(crc.getValue()), result.crc64());
            assertEquals(FileDigestHex.sha256(bytes), result.sha256());
        }
    }

    @Test
    void aMultipartFileIsInitiatePartsAndCompleteOnly() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir, "ossagent.skip-unchanged", "false")) {
            Path model = oss.file("model.bin", 450_000, 2); // 100 KiB parts: 5 of them
            new ObjectUploader(oss.client, oss.settings).upload(oss.planned(model), null);

            List<String> requests = requests(oss);
            assertEquals(1 + 5 + 1, requests.size(), oss.server.requestLog().toString());
            assertEquals(0, requests.stream().filter("HEAD"::equals).count(), oss.server.requestLog().toString());
            assertTrue(oss.storedEquals(model, "models/model.bin"));
        }
    }

    /** SHA-256 as the manifest writes it. */
    static final class FileDigestHex {
        static String sha256(byte[] bytes) throws Exception {
            StringBuilder hex = new StringBuilder();
            for (byte b : java.security.MessageDigest.getInstance("SHA-256").digest(bytes)) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        }
    }
}
