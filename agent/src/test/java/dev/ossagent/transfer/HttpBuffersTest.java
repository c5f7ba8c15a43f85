package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpBuffersTest {
    @TempDir
    Path dir;

    /** Fails when a new SDK version moves what HttpBuffers reaches into: uploads would quietly slow down. */
    @Test
    void reachesThePinnedSdksConnectionPool() throws Exception {
        try (TransferFixture fixture = new TransferFixture(dir)) {
            assertTrue(HttpBuffers.widen(fixture.client));
            Path file = fixture.file("m.bin", 300_000, 3);
            new ObjectUploader(fixture.client, fixture.settings).upload(fixture.planned(file), null);
            assertTrue(fixture.storedEquals(file, "models/m.bin"));
        }
    }

    @Test
    void anythingElseIsLeftAlone() {
        OSS other = (OSS) Proxy.newProxyInstance(OSS.class.getClassLoader(), new Class<?>[] {OSS.class},
                (proxy, method, args) -> null);
        assertFalse(HttpBuffers.widen(other));
    }
}
