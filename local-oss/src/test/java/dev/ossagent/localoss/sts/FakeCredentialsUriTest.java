package dev.ossagent.localoss.sts;

import static dev.ossagent.localoss.sts.Fixtures.assertWorksOnlyWithToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.credentials.exception.CredentialException;
import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.credentials.provider.URLCredentialProvider;
import dev.ossagent.localoss.LocalOss;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake credentials URI against Alibaba's credentials library. */
class FakeCredentialsUriTest {
    @TempDir
    Path root;

    @Test
    void credentialsFromTheUriWorkOnLocalOssUntilTheyExpire() throws Exception {
        try (LocalOss oss = Fixtures.localOss(root);
             FakeCredentialsUri uri = FakeCredentialsUri.builder(oss).lifetimeSeconds(2).start()) {
            CredentialModel c = URLCredentialProvider.builder().credentialsURI(uri.uri()).build().getCredentials();
            assertEquals(1, uri.credentialsCount());
            while (System.currentTimeMillis() < c.getExpiration()) {
                Thread.sleep(100);
            }
            assertEquals("SecurityTokenExpired", Fixtures.put(oss, c.getAccessKeyId(), c.getAccessKeySecret(),
                    c.getSecurityToken()));

            uri.failWith(500);
            CredentialException failed = assertThrows(CredentialException.class,
                    () -> URLCredentialProvider.builder().credentialsURI(uri.uri()).build().getCredentials());
            assertTrue(failed.getMessage().contains("500"), failed.getMessage());
            uri.failWith(0);
            uri.issuer().lifetimeSeconds(600);   // long enough for any slow start of the OSS client
            assertWorksOnlyWithToken(oss, URLCredentialProvider.builder().credentialsURI(uri.uri()).build()
                    .getCredentials());
            assertEquals(2, uri.credentialsCount());
            assertEquals(3, uri.requestCount());
        }
    }
}
