package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.comm.SignVersion;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The opt-in refusals tests of clients need: a read-only key, and a bucket that lives in one region only. */
class RefusalsSdkTest {
    static final String BUCKET = "hktech-agent-models";
    static final String READER = "LTAI-TESTREADONLY01";
    static final String READER_SECRET = "made-up-reader-secret-01";

    @TempDir
    Path root;
    LocalOss server;
    final List<OSS> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(OSS::shutdown);
        server.stop();
    }

    private OSS client(String id, String secret, String region) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V4);
        conf.setMaxErrorRetry(0);
        OSS client = SdkClients.client(server, id, secret, region, conf);
        clients.add(client);
        return client;
    }

    @Test
    void readOnlyKeyReadsButCannotWrite() throws Exception {
        server = LocalOss.builder().port(0).root(root).bucket(BUCKET)
                .credentials(LocalOssSdkTest.ID, LocalOssSdkTest.SECRET)
                .readOnlyCredentials(READER, READER_SECRET).build().start();
        client(LocalOssSdkTest.ID, LocalOssSdkTest.SECRET, "cn-beijing")
                .putObject(BUCKET, "models/a.bin", new ByteArrayInputStream(new byte[] {1, 2}));
        OSS reader = client(READER, READER_SECRET, "cn-beijing");

        assertEquals(1, reader.listObjectsV2(BUCKET).getObjectSummaries().size());
        assertEquals(2, reader.getObjectMetadata(BUCKET, "models/a.bin").getContentLength());
        OSSException put = assertThrows(OSSException.class,
                () -> reader.putObject(BUCKET, "models/b.bin", new ByteArrayInputStream(new byte[] {3})));
        assertEquals("AccessDenied", put.getErrorCode());
        assertEquals("AccessDenied", assertThrows(OSSException.class,
                () -> reader.deleteObject(BUCKET, "models/a.bin")).getErrorCode());
        assertTrue(Files.exists(root.resolve(BUCKET).resolve("models/a.bin")));
        assertTrue(Files.notExists(root.resolve(BUCKET).resolve("models/b.bin")));
    }

    @Test
    void anotherRegionIsSentToTheBucketsEndpoint() {
        server = LocalOss.builder().port(0).root(root).bucket(BUCKET)
                .credentials(LocalOssSdkTest.ID, LocalOssSdkTest.SECRET).rejectOtherRegions().build().start();
        OSS hangzhou = client(LocalOssSdkTest.ID, LocalOssSdkTest.SECRET, "cn-hangzhou");

        OSSException e = assertThrows(OSSException.class,
                () -> hangzhou.putObject(BUCKET, "models/a.bin", new ByteArrayInputStream(new byte[] {1})));
        assertEquals("AccessDenied", e.getErrorCode());
        assertTrue(e.getErrorMessage().contains("must be addressed using the specified endpoint"), e.getErrorMessage());
        assertTrue(e.getRawResponseError().contains("<Endpoint>oss-cn-beijing.aliyuncs.com</Endpoint>"),
                e.getRawResponseError());
        client(LocalOssSdkTest.ID, LocalOssSdkTest.SECRET, "cn-beijing")
                .putObject(BUCKET, "models/a.bin", new ByteArrayInputStream(new byte[] {1}));
    }
}
