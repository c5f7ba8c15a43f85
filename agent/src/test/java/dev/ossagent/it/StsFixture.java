package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ossagent.localoss.sts.FakeCredentialsUri;
import dev.ossagent.localoss.sts.FakeEcsMetadata;
import dev.ossagent.localoss.sts.FakeSts;
import dev.ossagent.localoss.sts.LoopbackTls;
import dev.ossagent.localoss.sts.TemporaryCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrainerFixture} (work folder, settings, local-oss) plus the identity fakes wired to its local-oss:
 * an HTTPS fake STS (AssumeRole for {@link #CALLER_ID}, AssumeRoleWithOIDC for the RRSA role with the token in
 * {@link #oidcTokenFile}), a fake ECS metadata service (IMDSv2 enforced, role {@link #ECS_ROLE}) and a fake
 * credentials URI, all issuing keys that live {@code lifetimeSeconds}. Nothing here is a long-term OSS key: the
 * STS caller key is unknown to local-oss, so an upload that works used a temporary key.
 *
 * <pre>
 * try (StsFixture f = new StsFixture(dir, 4)) {
 *     f.removeCsv();                                      // leave the temporary tiers to the agent
 *     f.trainer.writeSettings(f.endpointSettings());
 *     JvmRun run = f.trainer(java);
 *     f.rrsaEnv().forEach(run::env);
 *     JvmRun.Result r = run.run();
 *     f.sts.oidcCount(); f.ecs.credentialsCount(); f.credentialsUri.credentialsCount();   // refreshes happened
 *     f.assertNoSecretIn(r.stdout + r.stderr);
 * }
 * </pre>
 */
public final class StsFixture implements AutoCloseable {
    public static final String CALLER_ID = "LTAI-STSCALLERKEY01";
    public static final String CALLER_SECRET = "made-up-sts-caller-secret-never-printed";
    public static final String ROLE_ARN = "acs:ram::1000000000000001:role/oss-agent-upload";
    public static final String RRSA_ROLE_ARN = "acs:ram::1000000000000001:role/oss-agent-pod";
    public static final String OIDC_PROVIDER_ARN = "acs:ram::1000000000000001:oidc-provider/ack-rrsa-made-up";
    public static final String ECS_ROLE = "OssAgentTrainerRole";

    public final TrainerFixture trainer;
    public final LoopbackTls tls;
    public final FakeSts sts;
    public final FakeEcsMetadata ecs;
    public final FakeCredentialsUri credentialsUri;
    public final Path oidcTokenFile;
    private final List<String> oidcTokens = new ArrayList<>();

    public StsFixture(Path workDir, int lifetimeSeconds) throws IOException {
        trainer = new TrainerFixture(workDir);
        tls = LoopbackTls.create(workDir.resolve("tls"));
        oidcTokenFile = workDir.resolve("rrsa").resolve("token");
        Files.createDirectories(oidcTokenFile.getParent());
        String token = newOidcToken();
        Files.writeString(oidcTokenFile, token);
        sts = FakeSts.builder(trainer.server).tls(tls).lifetimeSeconds(lifetimeSeconds)
                .caller(CALLER_ID, CALLER_SECRET).role(ROLE_ARN)
                .oidc(RRSA_ROLE_ARN, OIDC_PROVIDER_ARN, token).start();
        ecs = FakeEcsMetadata.builder(trainer.server).role(ECS_ROLE).imdsV1Disabled()
                .lifetimeSeconds(lifetimeSeconds).start();
        credentialsUri = FakeCredentialsUri.builder(trainer.server).lifetimeSeconds(lifetimeSeconds).start();
    }

    private String newOidcToken() {
        String token = "made-up-oidc-token-" + (oidcTokens.size() + 1) + "-never-printed";
        oidcTokens.add(token);
        return token;
    }

    /** As the kubelet does: a new token in the file, and STS accepts only that one from now on. */
    public void rotateOidcToken() throws IOException {
        String token = newOidcToken();
        Files.writeString(oidcTokenFile, token);
        sts.oidcToken(token);
    }

    /** Removes the work folder's AccessKey.csv, so that no long-term key is left to the agent. */
    public void removeCsv() throws IOException {
        Files.deleteIfExists(trainer.workDir.resolve("AccessKey.csv"));
    }

    /** What ACK's pod identity webhook injects for RRSA, pointed at the fake STS. */
    public Map<String, String> rrsaEnv() {
        return Map.of("ALIBABA_CLOUD_ROLE_ARN", RRSA_ROLE_ARN, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", OIDC_PROVIDER_ARN,
                "ALIBABA_CLOUD_OIDC_TOKEN_FILE", oidcTokenFile.toString(),
                "ALIBABA_CLOUD_ROLE_SESSION_NAME", "oss-agent-it", "ALIBABA_CLOUD_STS_ENDPOINT", sts.hostAndPort());
    }

    /**
     * Settings lines (DESIGN/issue 13 names) pointing the agent at the fakes. The STS endpoint is host:port, the
     * form Alibaba's credentials library takes (it adds https://); {@code sts.endpoint()} is the full URL.
     */
    public String endpointSettings() {
        return "ossagent.credentials.sts-endpoint=" + sts.hostAndPort() + "\n"
                + "ossagent.credentials.ecs-metadata-endpoint=" + ecs.endpoint();
    }

    /** An aliyun CLI config.json with one profile of this mode, pointed at the fakes' roles and caller key. */
    public Path writeCliProfile(String mode) throws IOException {
        Path file = trainer.workDir.resolve("home").resolve(".aliyun").resolve("config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"current\":\"it\",\"profiles\":[{\"name\":\"it\",\"mode\":\"" + mode + "\","
                + "\"access_key_id\":\"" + CALLER_ID + "\",\"access_key_secret\":\"" + CALLER_SECRET + "\","
                + "\"ram_role_arn\":\"" + ROLE_ARN + "\",\"ram_session_name\":\"oss-agent-it\","
                + "\"ram_role_name\":\"" + ECS_ROLE + "\",\"oidc_token_file\":\"" + oidcTokenFile + "\","
                + "\"oidc_provider_arn\":\"" + OIDC_PROVIDER_ARN + "\",\"region_id\":\"cn-beijing\"}]}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The demo trainer under the agent, trusting the fake STS's certificate. */
    public JvmRun trainer(Path java, String... trainerArgs) {
        return trainer.trainer(java, trainerArgs).jvmArgs(tls.trustStoreOptions().toArray(String[]::new));
    }

    /**
     * JVM options that send plain-HTTP requests for 100.100.100.200 (hard-coded in Alibaba's credentials library)
     * to the fake ECS metadata service as their proxy; loopback requests (local-oss) stay direct.
     */
    public List<String> ecsProxyOptions() {
        return List.of("-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + ecs.port());
    }

    /** No issued secret or token, no OIDC token and no caller secret in this output. */
    public void assertNoSecretIn(String output) {
        SecretWatch.check(output);
        List<String> secrets = new ArrayList<>(oidcTokens);
        secrets.add(CALLER_SECRET);
        for (List<TemporaryCredentials> issued : List.of(sts.issuer().issued(), ecs.issuer().issued(),
                credentialsUri.issuer().issued())) {
            for (TemporaryCredentials c : issued) {
                secrets.add(c.accessKeySecret);
                secrets.add(c.securityToken);
            }
        }
        for (String secret : secrets) {
            assertFalse(output.contains(secret), "a secret or token appeared in output:\n" + output);
        }
    }

    @Override
    public void close() {
        credentialsUri.close();
        ecs.close();
        sts.close();
        trainer.close();
    }
}
