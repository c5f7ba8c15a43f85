package dev.ossagent.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.Credentials;
import dev.ossagent.credentials.ResolvedCredentials;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What one GetBucketInfo answer means for the preflight; a least-privilege key is "could not check". */
class BucketProbeTest {
    private static BucketProbe.Found probe(String code) throws Exception {
        Properties values = new Properties();
        values.setProperty("ossagent.endpoint", "http://127.0.0.1:9");
        values.setProperty("ossagent.model.bucket", "b-models");
        Settings settings = Settings.parseForCli(RawSettings.withoutFile(Map.of(), values));
        OSS client = (OSS) Proxy.newProxyInstance(OSS.class.getClassLoader(), new Class<?>[] {OSS.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBucketInfo")) {
                        throw new OSSException("made-up message", code, "REQ", "host", null, null, null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        ResolvedCredentials credentials = new ResolvedCredentials(
                new Credentials("LTAI-TESTPROBE0001", "made-up-secret-probe", null), "test");
        return new BucketProbe(client, settings, credentials).check("b-models");
    }

    @Test
    void aKeyThatMayNotReadBucketInfoIsCouldNotCheckNotAFailure() throws Exception {
        BucketProbe.Found found = probe("AccessDenied");
        assertNull(found.failure);
        assertEquals("this key may not GetBucketInfo", found.notChecked);
    }

    @Test
    void aMissingBucketIsAFailureWhoseFirstWordsAreTheCauseAndTheFix() throws Exception {
        BucketProbe.Found found = probe("NoSuchBucket");
        assertNotNull(found.failure);
        assertTrue(found.failure.reason().startsWith("bucket b-models does not exist at http://127.0.0.1:9 (NoSuchBucket);"
                + " create it"), found.failure.reason());
    }

    @Test
    void aWrongKeyIsAFailure() throws Exception {
        assertTrue(probe("InvalidAccessKeyId").failure.reason().startsWith("the access key id ****0001 from test is"
                + " unknown to http://127.0.0.1:9 (InvalidAccessKeyId); check the id"));
    }
}
