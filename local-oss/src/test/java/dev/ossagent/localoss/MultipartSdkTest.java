package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PartListing;
import com.aliyun.oss.model.UploadFileRequest;
import com.aliyun.oss.model.UploadFileResult;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartSdkTest {
    static final String BUCKET = "hktech-agent-models";

    @TempDir
    Path root;
    @TempDir
    Path work;
    LocalOss server;
    OSS oss;

    @BeforeEach
    void start() {
        server = LocalOss.builder().root(root).bucket(BUCKET)
                .credentials("LTAI-TESTKEYID0001", "made-up-secret-0001").build().start();
        oss = SdkClients.v4(server, "LTAI-TESTKEYID0001", "made-up-secret-0001", new ClientBuilderConfiguration().getMaxErrorRetry());
    }

    @AfterEach
    void stop() {
        oss.shutdown();
        server.stop();
    }

    Path file(int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Path f = work.resolve("f-" + seed + ".bin");
        Files.write(f, b);
        return f;
    }

    static long crc(byte[] data) {
        CRC64 c = new CRC64();
        c.update(data, data.length);
        return c.getValue();
    }

    UploadFileResult uploadFile(Path f, String key) throws Throwable {
        UploadFileRequest req = new UploadFileRequest(BUCKET, key);
        req.setUploadFile(f.toString());
        req.setPartSize(100 * 1024);
        req.setTaskNum(4);
        req.setEnableCheckpoint(true);
        req.setCheckpointFile(work.resolve(key.replace('/', '_') + ".ucp").toString());
        return oss.uploadFile(req);
    }

    @Test
    void uploadFileWithCheckpointIsByteIdentical() throws Throwable {
        Path f = file(1024 * 1024 + 12345, 1);
        UploadFileResult r = uploadFile(f, "models/big model.pt");
        byte[] expected = Files.readAllBytes(f);
        byte[] stored = Files.readAllBytes(root.resolve(BUCKET).resolve("models/big model.pt"));
        assertArrayEquals(expected, stored);
        assertEquals(Long.valueOf(crc(expected)), r.getMultipartUploadResult().getServerCRC());
        assertTrue(r.getMultipartUploadResult().getETag().endsWith("-11"), r.getMultipartUploadResult().getETag());
        assertEquals(expected.length, oss.getObjectMetadata(BUCKET, "models/big model.pt").getContentLength());
        assertEquals("Multipart", oss.getObjectMetadata(BUCKET, "models/big model.pt").getObjectType());
        assertTrue(emptyUploadsDir(), "completed uploads leave no parts behind");
    }

    @Test
    void uploadFileSurvivesResetsAndFailures() throws Throwable {
        server.faults().resetRatio(0.2).failRatio(0.1);
        Path f = file(800 * 1024, 2);
        // The SDK retries each request a few times, but a part that fails past that fails the whole
        // call; a user then calls again and the checkpoint resumes. So do we, a bounded number of times,
        // which keeps this test about the server surviving faults rather than about luck.
        for (int attempt = 1; ; attempt++) {
            try {
                uploadFile(f, "flaky.bin");
                break;
            } catch (com.aliyun.oss.OSSException | com.aliyun.oss.ClientException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
        server.faults().clear();
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(root.resolve(BUCKET).resolve("flaky.bin")));
    }

    @Test
    void resetDropsTheConnection() throws Exception {
        server.faults().resetRatio(1.0);
        OSS noRetry = SdkClients.v4(server, "LTAI-TESTKEYID0001", "made-up-secret-0001", 0);
        try {
            assertThrows(com.aliyun.oss.ClientException.class,
                    () -> noRetry.putObject(BUCKET, "reset.bin", new ByteArrayInputStream(new byte[400_000])));
        } finally {
            noRetry.shutdown();
        }
        assertTrue(server.requestLog().stream().anyMatch(l -> l.endsWith("-> reset")), server.requestLog().toString());
        assertFalse(Files.exists(root.resolve(BUCKET).resolve("reset.bin")));
    }

    @Test
    void abortRemovesParts() throws Exception {
        String id = oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "aborted.bin")).getUploadId();
        UploadPartRequest part = new UploadPartRequest(BUCKET, "aborted.bin", id, 1,
                new ByteArrayInputStream(new byte[200_000]), 200_000);
        oss.uploadPart(part);
        PartListing parts = oss.listParts(new ListPartsRequest(BUCKET, "aborted.bin", id));
        assertEquals(1, parts.getParts().size());
        assertEquals(200_000, parts.getParts().get(0).getSize());
        assertFalse(emptyUploadsDir());

        oss.abortMultipartUpload(new AbortMultipartUploadRequest(BUCKET, "aborted.bin", id));
        assertTrue(emptyUploadsDir());
        OSSException e = assertThrows(OSSException.class,
                () -> oss.listParts(new ListPartsRequest(BUCKET, "aborted.bin", id)));
        assertEquals("NoSuchUpload", e.getErrorCode());
        assertFalse(oss.doesObjectExist(BUCKET, "aborted.bin"));
    }

    @Test
    void completeWithWrongEtagIsInvalidPart() throws Exception {
        String id = oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "p.bin")).getUploadId();
        oss.uploadPart(new UploadPartRequest(BUCKET, "p.bin", id, 1, new ByteArrayInputStream(new byte[10]), 10));
        List<PartETag> tags = new ArrayList<>();
        tags.add(new PartETag(1, "00000000000000000000000000000000"));
        OSSException e = assertThrows(OSSException.class,
                () -> oss.completeMultipartUpload(new CompleteMultipartUploadRequest(BUCKET, "p.bin", id, tags)));
        assertEquals("InvalidPart", e.getErrorCode());
    }

    @Test
    void corruptedPartIsDetected() throws Exception {
        String id = oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "c.bin")).getUploadId();
        server.faults().corruptNextPart(true);
        Exception e = assertThrows(Exception.class, () -> oss.uploadPart(new UploadPartRequest(BUCKET, "c.bin", id, 1,
                new ByteArrayInputStream(new byte[150_000]), 150_000)));
        assertTrue(e instanceof com.aliyun.oss.InconsistentException, e.toString());
    }

    boolean emptyUploadsDir() throws Exception {
        try (Stream<Path> s = Files.list(root.resolve(".local-oss/uploads"))) {
            return s.findAny().isEmpty();
        }
    }
}
