package dev.ossagent.localoss.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import dev.ossagent.localoss.LocalOss;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;

/** A local-oss for the fakes to register with, and an OSS client that writes with what they issued. */
final class Fixtures {
    static final String BUCKET = "hktech-agent-models";
    static final String STATIC_ID = "LTAI-TESTKEYID0001";
    static final String STATIC_SECRET = "made-up-secret-0001";

    private Fixtures() {
    }

    static LocalOss localOss(Path root) {
        return LocalOss.builder().root(root).bucket(BUCKET).credentials(STATIC_ID, STATIC_SECRET).build().start();
    }

    /** Puts an object with these credentials (V4); returns "OK" or the OSS error code. */
    static String put(LocalOss server, String id, String secret, String token) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V4);
        conf.setMaxErrorRetry(0);
        OSS oss = OSSClientBuilder.create().endpoint(server.endpoint())
                .credentialsProvider(new DefaultCredentialProvider(id, secret, token))
                .clientConfiguration(conf).region("cn-beijing").build();
        try {
            oss.putObject(BUCKET, "model.bin", new ByteArrayInputStream(new byte[] {1, 2, 3}));
            return "OK";
        } catch (OSSException e) {
            return e.getErrorCode();
        } finally {
            oss.shutdown();
        }
    }

    /** What Alibaba's credentials library got is accepted by local-oss, with its token and only with it. */
    static void assertWorksOnlyWithToken(LocalOss server, CredentialModel c) {
        assertEquals("OK", put(server, c.getAccessKeyId(), c.getAccessKeySecret(), c.getSecurityToken()));
        assertEquals("InvalidAccessKeyId", put(server, c.getAccessKeyId(), c.getAccessKeySecret(), null));
    }
}
