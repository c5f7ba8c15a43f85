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
import java.util.concurrent.atomic.AtomicLong;

import static dev.ossagent.credentials.TestFiles.ID;
import static dev.ossagent.credentials.TestFiles.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each official tier against Alibaba Cloud's services faked on loopback (FakeCloud). */
class OfficialTiersTest {
    private static final String ROLE = "acs:ram::1234567890:role/oss-writer";
    private static final String PROVIDER = "acs:ram::1234567890:oidc-provider/ack-rrsa-c1";
    private static final String OIDC_TOKEN = "eyJ-oidc-token-never-print";

    @TempDir
    Path dir;

    private FakeCloud cloud;
    private LogCapture log;
    private Path home;
    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
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
        String text = log.text();
        log.close();
        assertNoSecret(text);
    }

    private static void assertNoSecret(String text) {
        for (String secret : List.of(LogCapture.SECRET_MARK, FakeCloud.STS_SECRET_MARK, FakeCloud.TOKEN_MARK,
                OIDC_TOKEN, "imds-session-token")) {
            assertFalse(text.contains(secret), "output holds a secret or token: " + text);
        }
    }

    private OfficialTiers tiers(String metadataEndpoint) {
        return new OfficialTiers(env, home, cloud.url("/sts"), "cn-beijing", metadataEndpoint,
                dir.resolve("pai-credentials"), now::get);
    }

    private OfficialTiers tiers() {
        return tiers(cloud.url(""));
    }

    private Path tokenFile(String token) throws IOException {
        return TestFiles.write(dir, "oidc-token", token);
    }

    private String fails(TierCall call) {
        CredentialsException e = assertThrows(CredentialsException.class, call::run);
        assertNoSecret(e.getMessage());
        return e.getMessage();
    }

    private interface TierCall {
        ResolvedCredentials run() throws CredentialsException;
    }

    // --- RRSA / OIDC

    private void rrsaEnv(Path tokenFile) {
        env.put("ALIBABA_CLOUD_ROLE_ARN", ROLE);
        env.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", PROVIDER);
        env.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile.toString());
    }

    @Test
    void rrsaAssumesTheRoleWithTheTokenFileReadAgainAtEachRenewal() throws Exception {
        Path token = tokenFile(OIDC_TOKEN + "-1\n");
        rrsaEnv(token);
        env.put("ALIBABA_CLOUD_ROLE_SESSION_NAME", "trainer-7");
        ResolvedCredentials resolved = tiers().rrsa();
        assertEquals("STS.TESTISSUED1", resolved.credentials().accessKeyId());
        assertNotNull(resolved.credentials().securityToken());
        assertNotNull(resolved.credentials().expiration());
        Map<String, String> call = cloud.stsCalls.get(0);
        assertEquals("AssumeRoleWithOIDC", call.get("Action"));
        assertEquals(ROLE, call.get("RoleArn"));
        assertEquals(PROVIDER, call.get("OIDCProviderArn"));
        assertEquals(OIDC_TOKEN + "-1", call.get("OIDCToken"));
        assertEquals("trainer-7", call.get("RoleSessionName"));
        assertEquals("RRSA role " + ROLE + " (token file " + token + ", STS " + cloud.url("/sts") + ")",
                resolved.source());

        Files.writeString(token, OIDC_TOKEN + "-2"); // the kubelet rotated it
        now.addAndGet(3600_000);
        assertEquals("STS.TESTISSUED2", resolved.credentials().accessKeyId());
        assertEquals(OIDC_TOKEN + "-2", cloud.stsCalls.get(1).get("OIDCToken"));
    }

    @Test
    void rrsaFailureLinesNameWhatIsWrong() throws Exception {
        assertTrue(assertThrows(CredentialsException.class, () -> tiers().rrsa()).absent(), "nothing set: not here");
        env.put("ALIBABA_CLOUD_ROLE_ARN", ROLE);
        assertEquals("ALIBABA_CLOUD_OIDC_PROVIDER_ARN is not set (RRSA needs ALIBABA_CLOUD_ROLE_ARN,"
                + " ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE)", fails(() -> tiers().rrsa()));
        Path missing = dir.resolve("no-such-token");
        rrsaEnv(missing);
        assertEquals("OIDC token file " + missing + " not found", fails(() -> tiers().rrsa()));
        rrsaEnv(tokenFile(" \n"));
        assertEquals("OIDC token file " + dir.resolve("oidc-token") + " is empty", fails(() -> tiers().rrsa()));
        rrsaEnv(tokenFile(OIDC_TOKEN));
        cloud.stsErrorCode = "AuthenticationFail.OIDCToken.Expired";
        assertEquals("STS " + cloud.url("/sts") + " AssumeRoleWithOIDC: STS refused"
                + " (AuthenticationFail.OIDCToken.Expired, HTTP 400)", fails(() -> tiers().rrsa()));
    }

    @Test
    void stsEndpointFromTheSettingThenAckVariablesThenTheRegion() {
        Map<String, String> ack = new HashMap<>();
        assertEquals("https://sts.cn-beijing.aliyuncs.com", StsClient.endpoint(null, ack, "cn-beijing"));
        ack.put("ALIBABA_CLOUD_STS_REGION", "cn-hangzhou");
        assertEquals("https://sts.cn-hangzhou.aliyuncs.com", StsClient.endpoint(null, ack, "cn-beijing"));
        ack.put("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "true");
        assertEquals("https://sts-vpc.cn-hangzhou.aliyuncs.com", StsClient.endpoint(null, ack, "cn-beijing"));
        ack.put("ALIBABA_CLOUD_STS_ENDPOINT", "sts-vpc.cn-shanghai.aliyuncs.com");
        assertEquals("https://sts-vpc.cn-shanghai.aliyuncs.com", StsClient.endpoint(null, ack, "cn-beijing"));
        assertEquals("http://127.0.0.1:9000", StsClient.endpoint("http://127.0.0.1:9000/", ack, "cn-beijing"));
        assertEquals("https://sts.aliyuncs.com", StsClient.endpoint(null, Map.of(), null));
    }

    // --- the aliyun CLI's config.json

    private Path cliConfig(String profiles, String current) throws IOException {
        Files.createDirectories(home.resolve(".aliyun"));
        return TestFiles.write(home.resolve(".aliyun"), "config.json",
                "{\"current\":\"" + current + "\",\"profiles\":[" + profiles + "],\"meta_path\":\"\"}");
    }

    private static String profile(String name, String mode, String fields) {
        return "{\"name\":\"" + name + "\",\"mode\":\"" + mode + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static final String AK_FIELDS = "\"access_key_id\":\"" + ID + "\",\"access_key_secret\":\"" + SECRET + "\"";

    @Test
    void cliProfileModes() throws Exception {
        Path token = tokenFile(OIDC_TOKEN);
        Path config = cliConfig(String.join(",",
                profile("default", "AK", AK_FIELDS),
                profile("sts", "StsToken", AK_FIELDS + ",\"sts_token\":\"static-token-never-print\""),
                profile("role", "RamRoleArn", AK_FIELDS + ",\"ram_role_arn\":\"" + ROLE + "\",\"ram_session_name\":\"s1\""),
                profile("ecs", "EcsRamRole", "\"ram_role_name\":\"oss-writer\""),
                profile("oidc", "OIDC", "\"ram_role_arn\":\"" + ROLE + "\",\"oidc_provider_arn\":\"" + PROVIDER
                        + "\",\"oidc_token_file\":\"" + token + "\""),
                profile("chain", "ChainableRamRoleArn", "\"source_profile\":\"role\",\"ram_role_arn\":\"" + ROLE + "\"")),
                "default");

        ResolvedCredentials ak = tiers().cliProfile();
        assertEquals(ID, ak.credentials().accessKeyId());
        assertEquals("CLI profile default (" + config + ", mode AK)", ak.source());

        env.put("ALIBABA_CLOUD_PROFILE", "sts");
        assertEquals("static-token-never-print", tiers().cliProfile().credentials().securityToken());

        env.put("ALIBABA_CLOUD_PROFILE", "role");
        ResolvedCredentials role = tiers().cliProfile();
        assertEquals("STS.TESTISSUED1", role.credentials().accessKeyId(), "AssumeRole signed with the profile's key");
        assertEquals(ID, cloud.stsCalls.get(0).get("AccessKeyId"));
        assertEquals("s1", cloud.stsCalls.get(0).get("RoleSessionName"));

        env.put("ALIBABA_CLOUD_PROFILE", "ecs");
        ResolvedCredentials ecs = tiers().cliProfile();
        assertEquals("STS.TESTISSUED2", ecs.credentials().accessKeyId());
        assertTrue(ecs.source().startsWith("ECS RAM role oss-writer from CLI profile ecs"), ecs.source());

        env.put("ALIBABA_CLOUD_PROFILE", "oidc");
        assertEquals("STS.TESTISSUED3", tiers().cliProfile().credentials().accessKeyId());
        assertEquals(OIDC_TOKEN, cloud.stsCalls.get(1).get("OIDCToken"));

        env.put("ALIBABA_CLOUD_PROFILE", "chain");
        assertEquals("STS.TESTISSUED5", tiers().cliProfile().credentials().accessKeyId());
        assertEquals("STS.TESTISSUED4", cloud.stsCalls.get(3).get("AccessKeyId"),
                "the chained role is assumed with the source profile's temporary key");
        assertNotNull(cloud.stsCalls.get(3).get("SecurityToken"));
    }

    @Test
    void cliProfileFailures() throws Exception {
        Path config = cliConfig(profile("default", "CloudSSO", "") + "," + profile("half", "AK",
                "\"access_key_id\":\"" + ID + "\""), "default");
        assertEquals(config + ": profile default has mode 'CloudSSO', which the agent does not support (AK, StsToken,"
                + " RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn)", fails(() -> tiers().cliProfile()));
        env.put("ALIBABA_CLOUD_PROFILE", "prod");
        assertEquals(config + ": profile prod not found (profiles: default, half)", fails(() -> tiers().cliProfile()));
        env.put("ALIBABA_CLOUD_PROFILE", "half");
        assertEquals(config + ": profile half (mode AK) has no access_key_secret", fails(() -> tiers().cliProfile()));
        env.put("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true");
        CredentialsException off = assertThrows(CredentialsException.class, () -> tiers().cliProfile());
        assertTrue(off.absent());
        assertEquals("disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED", off.getMessage());
    }

    @Test
    void profileFilesGetThePermissionWarningOfTheCsv() throws Exception {
        Path config = cliConfig(profile("default", "AK", AK_FIELDS), "default");
        TestFiles.chmod(config, "rw-r--r--");
        tiers().cliProfile();
        if (TestFiles.posix()) {
            assertTrue(log.text().contains("WARN " + config + " holds a secret and is readable by others (mode 0644)"),
                    log.text());
        }
    }

    // --- the credentials file

    private Path ini(String text) throws IOException {
        Files.createDirectories(home.resolve(".alibabacloud"));
        return TestFiles.write(home.resolve(".alibabacloud"), "credentials.ini", text);
    }

    @Test
    void credentialsIniTypesWithOrWithoutEnable() throws Exception {
        Path token = tokenFile(OIDC_TOKEN);
        Path file = ini("[default]\ntype = access_key\naccess_key_id = " + ID + "\naccess_key_secret = " + SECRET
                + "\n\n[client1]\nenable = true\ntype = ecs_ram_role\nrole_name = oss-writer\n"
                + "; a comment\n[client2]\ntype = ram_role_arn\naccess_key_id = " + ID + "\naccess_key_secret = " + SECRET
                + "\nrole_arn = " + ROLE + "\nrole_session_name = s2\n"
                + "[client3]\ntype = oidc_role_arn\nrole_arn = " + ROLE + "\noidc_provider_arn = " + PROVIDER
                + "\noidc_token_file_path = " + token + "\n[off]\nenable = false\ntype = access_key\n"
                + "[rsa]\ntype = rsa_key_pair\n");
        ResolvedCredentials plain = tiers().credentialsFile();
        assertEquals(ID, plain.credentials().accessKeyId());
        assertEquals("credentials file " + file + " [default], type access_key", plain.source());
        env.put("ALIBABA_CLOUD_PROFILE", "client1");
        assertEquals("STS.TESTISSUED1", tiers().credentialsFile().credentials().accessKeyId());
        env.put("ALIBABA_CLOUD_PROFILE", "client2");
        assertEquals("STS.TESTISSUED2", tiers().credentialsFile().credentials().accessKeyId());
        assertEquals("AssumeRole", cloud.stsCalls.get(0).get("Action"));
        env.put("ALIBABA_CLOUD_PROFILE", "client3");
        assertEquals("STS.TESTISSUED3", tiers().credentialsFile().credentials().accessKeyId());
        env.put("ALIBABA_CLOUD_PROFILE", "off");
        assertEquals(file + " [off] has enable = false", fails(() -> tiers().credentialsFile()));
        env.put("ALIBABA_CLOUD_PROFILE", "rsa");
        assertEquals(file + " [rsa] has type 'rsa_key_pair', which the agent does not support (access_key,"
                + " ecs_ram_role, ram_role_arn, oidc_role_arn)", fails(() -> tiers().credentialsFile()));
        env.put("ALIBABA_CLOUD_PROFILE", "prod");
        assertEquals(file + " has no [prod] section", fails(() -> tiers().credentialsFile()));
    }

    @Test
    void credentialsFileFromTheVariableAndPaisMountInJson() throws Exception {
        assertTrue(assertThrows(CredentialsException.class, () -> tiers().credentialsFile()).absent());
        String json = "{\"AccessKeyId\":\"STS.TESTPAI0001\",\"AccessKeySecret\":\"pai-never-print\","
                + "\"SecurityToken\":\"pai-token-never-print\",\"Expiration\":\"2099-01-01T00:00:00Z\"}";
        Path pai = TestFiles.write(dir, "pai-credentials", json);
        ResolvedCredentials fromPai = tiers().credentialsFile();
        assertEquals("STS.TESTPAI0001", fromPai.credentials().accessKeyId());
        assertEquals("credentials file " + pai, fromPai.source());
        assertEquals("2099-01-01T00:00:00Z", fromPai.credentials().expiration().toString());

        Path named = dir.resolve("named.ini");
        env.put("ALIBABA_CLOUD_CREDENTIALS_FILE", named.toString());
        assertEquals(named + ": not found (named by ALIBABA_CLOUD_CREDENTIALS_FILE)",
                fails(() -> tiers().credentialsFile()));
    }

    // --- the ECS instance RAM role

    @Test
    void ecsRoleOverImdsV2() throws Exception {
        ResolvedCredentials resolved = tiers().ecsRole();
        assertEquals("STS.TESTISSUED1", resolved.credentials().accessKeyId());
        assertEquals("ECS RAM role oss-writer (metadata service " + cloud.url("") + ")", resolved.source());
        assertEquals(List.of("PUT /latest/api/token", "GET /latest/meta-data/ram/security-credentials/",
                "GET /latest/meta-data/ram/security-credentials/oss-writer"), cloud.imdsRequests);
        cloud.imdsRequests.clear();
        env.put("ALIBABA_CLOUD_ECS_METADATA", "oss-writer");
        tiers().ecsRole();
        assertEquals(List.of("PUT /latest/api/token", "GET /latest/meta-data/ram/security-credentials/oss-writer"),
                cloud.imdsRequests, "a named role is not looked up");
    }

    @Test
    void ecsRoleFailures() throws Exception {
        cloud.ecsRole = null;
        assertEquals("no RAM role is attached to this ECS instance (attach one in the ECS console, or name it in"
                + " ALIBABA_CLOUD_ECS_METADATA)", fails(() -> tiers().ecsRole()));
        CredentialsException none = assertThrows(CredentialsException.class, () -> tiers("http://127.0.0.1:1").ecsRole());
        assertTrue(none.absent(), "no metadata service: not an ECS instance");
        assertTrue(none.getMessage().startsWith("no metadata service at http://127.0.0.1:1 ("), none.getMessage());
        env.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        assertEquals("disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED", fails(() -> tiers().ecsRole()));
    }

    @Test
    void imdsV1OnlyWhenAllowed() throws Exception {
        cloud.imdsTokens = false;
        assertEquals("STS.TESTISSUED1", tiers().ecsRole().credentials().accessKeyId(), "IMDSv1 fallback");
        env.put("ALIBABA_CLOUD_IMDSV1_DISABLED", "true");
        assertEquals("the metadata service gave no IMDSv2 session token (HTTP 403) and"
                + " ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids IMDSv1", fails(() -> tiers().ecsRole()));
    }

    // --- a credentials URI

    @Test
    void credentialsUri() throws Exception {
        env.put("ALIBABA_CLOUD_CREDENTIALS_URI", cloud.url("/uri?token=uri-token-never-print"));
        ResolvedCredentials resolved = tiers().credentialsUri();
        assertEquals("STS.TESTISSUED1", resolved.credentials().accessKeyId());
        assertEquals("credentials URI " + cloud.url("/uri") + "?...", resolved.source());
        cloud.uriCode = "Failed";
        assertEquals(cloud.url("/uri") + "?... answered Code Failed instead of Success",
                fails(() -> tiers().credentialsUri()));
        env.put("ALIBABA_CLOUD_CREDENTIALS_URI", "http://127.0.0.1:1/creds");
        assertEquals("http://127.0.0.1:1/creds unreachable (ConnectException)", fails(() -> tiers().credentialsUri()));
        env.remove("ALIBABA_CLOUD_CREDENTIALS_URI");
        assertNull(tiers().env("ALIBABA_CLOUD_CREDENTIALS_URI"));
    }
}
