package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.comm.SignVersion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary (STS) keys, V1 and V4: accepted only with their own security token, and only until they expire. */
class TemporaryKeysSdkTest {
    static final String BUCKET = "hktech-agent-models";
    static final String ID = "LTAI-TESTKEYID0001";
    static final String SECRET = "made-up-secret-0001";
    static final String TEMP_ID = "STS.MADEUPTEMPKEY01";
    static final String TEMP_SECRET = "made-up-temp-secret";
    static final String TOKEN = "CAIS-made-up-token-1";

    @TempDir
    Path root;

    private static String put(LocalOss server, SignVersion v, String id, String secret, String token) {
        OSS oss = SdkClients.client(server, v, id, secret, token);
        try {
            oss.putObject(BUCKET, "m.bin", new ByteArrayInputStream("weights".getBytes(StandardCharsets.UTF_8)));
            return "OK";
        } catch (OSSException e) {
            return e.getErrorCode();
        } finally {
            oss.shutdown();
        }
    }

    @Test
    void aTemporaryIdNeedsItsTokenAndExpires() throws Exception {
        try (LocalOss server = LocalOss.builder().root(root).bucket(BUCKET).credentials(ID, SECRET).build().start()) {
            server.acceptTemporary(TEMP_ID, TEMP_SECRET, TOKEN, System.currentTimeMillis() + 600_000);
            server.acceptTemporary("STS.MADEUPEXPIRED01", TEMP_SECRET, TOKEN, System.currentTimeMillis() - 1);
            for (SignVersion v : new SignVersion[] {SignVersion.V1, SignVersion.V4}) {
                assertEquals("OK", put(server, v, TEMP_ID, TEMP_SECRET, TOKEN), v.toString());
                assertEquals("InvalidAccessKeyId", put(server, v, TEMP_ID, TEMP_SECRET, null), v.toString());
                assertEquals("InvalidSecurityToken", put(server, v, TEMP_ID, TEMP_SECRET, "CAIS-other"), v.toString());
                assertEquals("SecurityTokenExpired", put(server, v, "STS.MADEUPEXPIRED01", TEMP_SECRET, TOKEN),
                        v.toString());
                assertEquals("SignatureDoesNotMatch", put(server, v, TEMP_ID, "wrong-secret", TOKEN), v.toString());
                // A long-term key comes without a token; with one it is no valid STS key either.
                assertEquals("InvalidSecurityToken", put(server, v, ID, SECRET, TOKEN), v.toString());
                assertEquals("OK", put(server, v, ID, SECRET, null), v.toString());
            }
            assertEquals(2, server.acceptedRequests(TEMP_ID));
            assertEquals(0, server.acceptedRequests("STS.MADEUPEXPIRED01"));

            OSS oss = SdkClients.client(server, SignVersion.V4, TEMP_ID, TEMP_SECRET, TOKEN);
            try {
                assertArrayEquals("weights".getBytes(StandardCharsets.UTF_8),
                        oss.getObject(BUCKET, "m.bin").getObjectContent().readAllBytes());
            } finally {
                oss.shutdown();
            }
        }
    }

    @Test
    void theErrorIsOssXml() throws Exception {
        try (LocalOss server = LocalOss.builder().root(root).bucket(BUCKET).credentials(ID, SECRET).build().start()) {
            server.acceptTemporary(TEMP_ID, TEMP_SECRET, TOKEN, System.currentTimeMillis() - 1);
            RawHttp.Response r = new RawHttp(server.port()).request("GET", "/" + BUCKET + "/m.bin")
                    .header("x-oss-security-token", TOKEN).signV1(TEMP_ID, TEMP_SECRET, "/" + BUCKET + "/m.bin").send();
            ProtocolTest.assertError(r, 403, "SecurityTokenExpired");
            assertThrows(IllegalArgumentException.class, () -> server.acceptTemporary(ID, "x", "y", 0));
        }
    }
}
