package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.comm.SignVersion;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client clock more than 15 minutes off is refused as OSS refuses it, with the server's time to correct by. */
class ClockSkewSdkTest {
    static final String BUCKET = "hktech-agent-models";
    static final String ID = "LTAI-TESTKEYID0001";
    static final String SECRET = "made-up-secret-0001";

    @TempDir
    Path root;

    private static OSS client(LocalOss server, SignVersion version, long offsetMillis, boolean autoCorrect) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(version);
        conf.setMaxErrorRetry(0);
        conf.setTickOffset(System.currentTimeMillis() + offsetMillis);
        conf.setEnableAutoCorrectClockSkew(autoCorrect);
        return SdkClients.client(server, ID, SECRET, "cn-beijing", conf);
    }

    @Test
    void aClockAnHourBehindIsRefusedWithTheServersTimeAndTheSdkCorrectsItself() {
        try (LocalOss server = LocalOss.builder().port(0).root(root).bucket(BUCKET).credentials(ID, SECRET).build().start()) {
            for (SignVersion version : new SignVersion[] {SignVersion.V4, SignVersion.V1}) {
                OSS oss = client(server, version, -3_600_000, true);
                try {
                    OSSException e = assertThrows(OSSException.class,
                            () -> oss.putObject(BUCKET, "a.bin", new ByteArrayInputStream(new byte[10])));
                    assertEquals("RequestTimeTooSkewed", e.getErrorCode(), version.toString());
                    assertNotNull(e.getErrorFields().get("ServerTime"));
                    // The SDK took the server's time from the error: the next request is signed with it.
                    oss.putObject(BUCKET, "a.bin", new ByteArrayInputStream(new byte[10]));
                } finally {
                    oss.shutdown();
                }
            }
        }
    }

    @Test
    void aFewMinutesOffIsFine() {
        try (LocalOss server = LocalOss.builder().port(0).root(root).bucket(BUCKET).credentials(ID, SECRET).build().start()) {
            OSS oss = client(server, SignVersion.V4, -5 * 60_000, false);
            try {
                oss.putObject(BUCKET, "a.bin", new ByteArrayInputStream(new byte[10]));
            } finally {
                oss.shutdown();
            }
        }
    }
}
