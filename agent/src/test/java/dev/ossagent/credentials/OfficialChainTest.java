package dev.ossagent.credentials;

import dev.ossagent.log.LogCapture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.ossagent.credentials.TestFiles.CONSOLE_CSV;
import static dev.ossagent.credentials.TestFiles.ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole chain: the seed's tiers first, the official ones after, the first complete tier wins; the pin. */
class OfficialChainTest {
    @TempDir
    Path dir;

    private FakeCloud cloud;
    private LogCapture log;
    private Path home;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        cloud = new FakeCloud();
        log = new LogCapture();
        home = Files.createDirectories(dir.resolve("home"));
    }

    @AfterEach
    void release() {
        cloud.close();
        log.assertNoSecret();
        log.close();
    }

    private CredentialChain chain(Path csv, String pin) {
        OfficialTiers official = new OfficialTiers(env, home, cloud.url("/sts"), "cn-beijing", cloud.url(""),
                dir.resolve("no-pai"), System::currentTimeMillis);
        return new CredentialChain(env, csv, null, null, null, official, pin);
    }

    private void rrsa() throws IOException {
        env.put("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/r");
        env.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/p");
        env.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", TestFiles.write(dir, "token", "oidc-never-print").toString());
    }

    @Test
    void aStaticTierWinsWithoutTouchingAnyService() throws Exception {
        rrsa();
        env.put("OSS_ACCESS_KEY_ID", "LTAI-TESTENV000001");
        env.put("OSS_ACCESS_KEY_SECRET", "env-never-print");
        assertEquals("environment (OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET)", chain(null, null).resolve().source());
        assertEquals(List.of(), cloud.stsCalls);
        assertEquals(List.of(), cloud.imdsRequests);
    }

    @Test
    void rrsaComesBeforeTheCsvAndTheCsvBeforeTheEcsRole() throws Exception {
        Path csv = TestFiles.write(dir, "AccessKey.csv", CONSOLE_CSV);
        assertEquals(ID, chain(csv, null).resolve().credentials().accessKeyId());
        assertEquals(List.of(), cloud.imdsRequests, "the CSV won: the metadata service is not asked");
        rrsa();
        assertTrue(chain(csv, null).resolve().source().startsWith("RRSA role acs:ram::1:role/r"));
    }

    @Test
    void brokenTierWarnsAndALaterOneWins() throws Exception {
        env.put("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/r");
        ResolvedCredentials resolved = chain(dir.resolve("none.csv"), null).resolve();
        assertTrue(resolved.source().startsWith("ECS RAM role oss-writer"), resolved.source());
        assertTrue(log.text().contains("WARN RRSA: ALIBABA_CLOUD_OIDC_PROVIDER_ARN is not set (RRSA needs"), log.text());
        assertTrue(log.text().contains("; used ECS RAM role oss-writer"), log.text());
    }

    @Test
    void nothingAnywhereListsEveryTierInOrder() {
        env.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        Path csv = dir.resolve("AccessKey.csv");
        CredentialsException e = assertThrows(CredentialsException.class, () -> chain(csv, null).resolve());
        assertEquals("no credentials: environment (OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET,"
                + " ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIYUN_ACCESS_KEY_ID/ALIYUN_ACCESS_KEY_SECRET"
                + " not set), RRSA (ALIBABA_CLOUD_ROLE_ARN not set), AccessKey.csv (" + csv + ": not found),"
                + " settings file (none), CLI profile (" + home.resolve(".aliyun/config.json") + ": not found),"
                + " credentials file (" + home.resolve(".alibabacloud/credentials.ini") + ": not found),"
                + " ECS RAM role (disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED),"
                + " credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI not set);"
                + " set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, or provide an AccessKey.csv", e.getMessage());
    }

    @Test
    void thePinnedTierIsTheOnlyOneTried() throws Exception {
        Path csv = TestFiles.write(dir, "AccessKey.csv", CONSOLE_CSV);
        ResolvedCredentials ecs = chain(csv, "ecs-ram-role").resolve();
        assertTrue(ecs.source().startsWith("ECS RAM role oss-writer"), "the CSV is skipped");
        cloud.ecsRole = null;
        CredentialsException e = assertThrows(CredentialsException.class, () -> chain(csv, "ecs-ram-role").resolve());
        assertEquals("no credentials from the tier ossagent.credentials.source=ecs-ram-role pins: ECS RAM role: no RAM"
                + " role is attached to this ECS instance (attach one in the ECS console, or name it in"
                + " ALIBABA_CLOUD_ECS_METADATA)", e.getMessage());
        CredentialsException unknown = assertThrows(CredentialsException.class, () -> chain(csv, "ecs").resolve());
        assertEquals("ossagent.credentials.source=ecs is not a tier; use one of environment, rrsa, csv, settings,"
                + " cli-profile, credentials-file, ecs-ram-role, credentials-uri", unknown.getMessage());
    }
}
