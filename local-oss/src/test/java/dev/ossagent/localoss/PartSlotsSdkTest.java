package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parts written into their slots of one data file, and the cases that must not use them: whatever order,
 * sizes or re-sends the parts come in, the completed object is exactly the parts the client named.
 */
class PartSlotsSdkTest {
    static final String BUCKET = "hktech-agent-models";
    static final int PART = 100 * 1024;

    @TempDir
    Path root;
    LocalOss server;
    OSS oss;
    final Random random = new Random(7);

    @BeforeEach
    void start() {
        server = LocalOss.builder().root(root).bucket(BUCKET)
                .credentials("LTAI-TESTKEYID0001", "made-up-secret-0001").build().start();
        oss = SdkClients.v4(server, "LTAI-TESTKEYID0001", "made-up-secret-0001", 0);
    }

    @AfterEach
    void stop() {
        oss.shutdown();
        server.stop();
    }

    byte[] bytes(int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    String initiate(String key) {
        return oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, key)).getUploadId();
    }

    PartETag send(String key, String id, int number, byte[] body) {
        return oss.uploadPart(new UploadPartRequest(BUCKET, key, id, number, new ByteArrayInputStream(body),
                body.length)).getPartETag();
    }

    byte[] complete(String key, String id, PartETag... parts) throws Exception {
        oss.completeMultipartUpload(new CompleteMultipartUploadRequest(BUCKET, key, id, new ArrayList<>(List.of(parts))));
        return Files.readAllBytes(root.resolve(BUCKET).resolve(key));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    Object dataFileKey(String uploadId) throws Exception {
        return fileKey(root.resolve(".local-oss/uploads").resolve(uploadId).resolve(PartSlots.DATA));
    }

    Object fileKey(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    @Test
    void equalPartsInAnyOrderBecomeTheObjectWithoutACopy() throws Exception {
        String id = initiate("a.bin");
        byte[] p1 = bytes(PART);
        byte[] p2 = bytes(PART);
        byte[] p3 = bytes(PART / 3);
        PartETag t2 = send("a.bin", id, 2, p2);
        PartETag t1 = send("a.bin", id, 1, p1);
        PartETag t3 = send("a.bin", id, 3, p3);
        Object data = dataFileKey(id);
        assertArrayEquals(concat(p1, p2, p3), complete("a.bin", id, t1, t2, t3));
        assertEquals(data, fileKey(root.resolve(BUCKET).resolve("a.bin")), "the data file itself became the object");
    }

    @Test
    void theLastPartFirstMakesSmallSlotsAndTheOthersGoToTheirOwnFiles() throws Exception {
        String id = initiate("b.bin");
        byte[] p1 = bytes(PART);
        byte[] p2 = bytes(PART / 2);
        PartETag t2 = send("b.bin", id, 2, p2);
        PartETag t1 = send("b.bin", id, 1, p1);
        assertArrayEquals(concat(p1, p2), complete("b.bin", id, t1, t2));
    }

    @Test
    void unequalPartsAreCopiedInOrder() throws Exception {
        String id = initiate("c.bin");
        byte[] p1 = bytes(PART + 10);
        byte[] p2 = bytes(PART + 500);
        byte[] p3 = bytes(PART + 5);
        PartETag t1 = send("c.bin", id, 1, p1);
        PartETag t2 = send("c.bin", id, 2, p2);
        PartETag t3 = send("c.bin", id, 3, p3);
        assertArrayEquals(concat(p1, p2, p3), complete("c.bin", id, t1, t2, t3));
    }

    @Test
    void aPartSentAgainReplacesTheStoredOneAndAFailedResendKeepsIt() throws Exception {
        String id = initiate("d.bin");
        byte[] p1 = bytes(PART);
        byte[] p2 = bytes(PART);
        PartETag t1 = send("d.bin", id, 1, p1);
        send("d.bin", id, 2, bytes(PART));
        PartETag t2 = send("d.bin", id, 2, p2); // sent again with other bytes: the later one counts
        server.faults().resetRatio(1.0);
        assertThrows(ClientException.class, () -> send("d.bin", id, 1, bytes(PART)));
        server.faults().clear();
        assertArrayEquals(concat(p1, p2), complete("d.bin", id, t1, t2));
    }

    @Test
    void aPartDroppedHalfWayInItsSlotIsNotStoredAndItsResendFillsTheSlot() throws Exception {
        String id = initiate("e.bin");
        byte[] p1 = bytes(PART);
        byte[] p2 = bytes(PART);
        PartETag t1 = send("e.bin", id, 1, p1);
        server.faults().resetRatio(1.0);
        assertThrows(ClientException.class, () -> send("e.bin", id, 2, p2));
        server.faults().clear();
        PartETag t2 = send("e.bin", id, 2, p2);
        Object data = dataFileKey(id);
        assertArrayEquals(concat(p1, p2), complete("e.bin", id, t1, t2));
        assertEquals(data, fileKey(root.resolve(BUCKET).resolve("e.bin")));
    }

    @Test
    void completingWithFewerPartsThanWereSentLeavesTheRestOut() throws Exception {
        String id = initiate("f.bin");
        byte[] p1 = bytes(PART);
        byte[] p2 = bytes(PART);
        PartETag t1 = send("f.bin", id, 1, p1);
        PartETag t2 = send("f.bin", id, 2, p2);
        send("f.bin", id, 3, bytes(PART));
        assertArrayEquals(concat(p1, p2), complete("f.bin", id, t1, t2));
    }

    @Test
    void partsWithAGapAreCopied() throws Exception {
        String id = initiate("g.bin");
        byte[] p1 = bytes(PART);
        byte[] p3 = bytes(PART);
        PartETag t1 = send("g.bin", id, 1, p1);
        PartETag t3 = send("g.bin", id, 3, p3);
        Object data = dataFileKey(id);
        byte[] object = complete("g.bin", id, t1, t3);
        assertArrayEquals(concat(p1, p3), object);
        assertNotEquals(data, fileKey(root.resolve(BUCKET).resolve("g.bin")));
        assertEquals(2 * PART, object.length, Arrays.toString(new int[] {object.length}));
    }
}
