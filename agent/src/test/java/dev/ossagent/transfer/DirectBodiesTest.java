package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectBodiesTest {
    @TempDir
    Path dir;

    /** Fails when a new SDK version moves what DirectBodies reaches into: bodies would go through its 2 KiB copies. */
    @Test
    void theSdkSendsTheAgentsBodyInItsOwnBlocksAndNeverReadsItsStream() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            assertTrue(DirectBodies.install(oss.client), "OssClients.create installed it; installing again is fine");
            byte[] bytes = new byte[300_000];
            new Random(5).nextBytes(bytes);
            Recorded body = new Recorded(bytes);

            DirectBodies.sending(body, () -> oss.client.putObject(put("models/direct.bin", new Unreadable(), bytes.length)));

            assertArrayEquals(bytes, Files.readAllBytes(stored(oss, "models/direct.bin")));
            assertEquals(3, body.writes.size(), "written in 128 KiB blocks: " + body.writes);
            assertEquals(List.of(131072, 131072, 37856), body.writes);
        }
    }

    @Test
    void aRequestOfAnotherLengthIsSentFromItsOwnStream() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            byte[] own = "the request's own bytes".getBytes();
            Recorded body = new Recorded(new byte[own.length + 1]);

            DirectBodies.sending(body, () -> oss.client.putObject(put("models/own.txt", new ByteArrayInputStream(own),
                    own.length)));

            assertArrayEquals(own, Files.readAllBytes(stored(oss, "models/own.txt")));
            assertTrue(body.writes.isEmpty());
        }
    }

    @Test
    void anythingButTheSdksClientIsLeftAlone() {
        OSS other = (OSS) Proxy.newProxyInstance(OSS.class.getClassLoader(), new Class<?>[] {OSS.class},
                (proxy, method, args) -> null);
        assertFalse(DirectBodies.install(other));
    }

    private static PutObjectRequest put(String key, InputStream content, long length) {
        ObjectMetadata metadata = new ObjectMetadata();
        metadata.setContentLength(length);
        return new PutObjectRequest(TransferFixture.BUCKET, key, content, metadata);
    }

    private static Path stored(TransferFixture oss, String key) {
        return oss.server.root().resolve(TransferFixture.BUCKET).resolve(key);
    }

    /** Writes its bytes in FileSlice.BLOCKs and records each write's length. */
    private static final class Recorded implements RequestBody {
        final byte[] bytes;
        final List<Integer> writes = new ArrayList<>();

        Recorded(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (int at = 0; at < bytes.length; at += FileSlice.BLOCK) {
                int n = Math.min(FileSlice.BLOCK, bytes.length - at);
                out.write(bytes, at, n);
                writes.add(n);
            }
        }
    }

    /** A request stream the SDK must not read when the agent writes the body. */
    private static final class Unreadable extends InputStream {
        @Override
        public int read() throws IOException {
            throw new IOException("the SDK read its own stream");
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public synchronized void mark(int limit) {
        }

        @Override
        public synchronized void reset() {
        }
    }
}
