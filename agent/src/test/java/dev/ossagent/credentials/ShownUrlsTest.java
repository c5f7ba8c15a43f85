package dev.ossagent.credentials;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.config.Endpoint;
import dev.ossagent.config.SettingsException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password in a URL setting or variable is never in the credentials line nor in an error line. */
class ShownUrlsTest {
    private static final String PASSWORD = "hunter2-never-print";

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    private OfficialTiers tiers(String sts, String metadata) {
        return new OfficialTiers(env, dir, sts, "cn-beijing", metadata, dir.resolve("pai"), System::currentTimeMillis);
    }

    @Test
    void userInfoInTheStsMetadataAndCredentialsUrlsIsNotShown() throws Exception {
        env.put("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1234567890:role/oss-writer");
        env.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1234567890:oidc-provider/c1");
        env.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", TestFiles.write(dir, "token", "oidc").toString());
        String sts = "http://admin:" + PASSWORD + "@127.0.0.1:9";
        String rrsa = assertThrows(CredentialsException.class, () -> tiers(sts, null).rrsa()).getMessage();
        assertTrue(rrsa.contains("STS http://127.0.0.1:9 AssumeRoleWithOIDC"), rrsa);
        assertFalse(rrsa.contains(PASSWORD), rrsa);

        String metadata = assertThrows(CredentialsException.class,
                () -> tiers(sts, "http://u:" + PASSWORD + "@127.0.0.1:9").ecsRole()).getMessage();
        assertTrue(metadata.contains("127.0.0.1:9"), metadata);
        assertFalse(metadata.contains(PASSWORD), metadata);

        env.put("ALIBABA_CLOUD_CREDENTIALS_URI", "http://u:" + PASSWORD + "@127.0.0.1:9/creds?token=" + PASSWORD);
        String uri = assertThrows(CredentialsException.class, () -> tiers(sts, null).credentialsUri()).getMessage();
        assertTrue(uri.startsWith("http://127.0.0.1:9/creds?... unreachable"), uri);
        assertFalse(uri.contains(PASSWORD), uri);
    }

    @Test
    void userInfoInTheOssEndpointIsNotInItsErrorLine() {
        String message = assertThrows(SettingsException.class,
                () -> Endpoint.parse("https://user:" + PASSWORD + "@oss-cn-beijing.aliyuncs.com", null)).getMessage();
        assertTrue(message.contains("ossagent.endpoint=https://oss-cn-beijing.aliyuncs.com is not a valid endpoint"),
                message);
        assertFalse(message.contains(PASSWORD), message);
    }
}
