package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.localoss.sts.FakeCredentialsUri;
import dev.ossagent.localoss.sts.FakeEcsMetadata;
import dev.ossagent.localoss.sts.FakeSts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Temporary credentials in real JVMs against local-oss and its fakes of Alibaba Cloud's STS, ECS metadata
 * service and a credentials URI, which issue keys that live seconds and that local-oss accepts only with their
 * token and only until they expire.
 */
class TemporaryCredentialsIT {
    private static final String ROLE = "acs:ram::1234567890:role/oss-writer";
    private static final String OIDC_ROLE = "acs:ram::1234567890:role/pod-writer";
    private static final String PROVIDER = "acs:ram::1234567890:oidc-provider/ack-rrsa-c1";
    private static final int LIFETIME_SECONDS = 4;
    /** 31 parts of 100 KiB, each held 400 ms by local-oss: at least 12 s, three lifetimes. */
    private static final String SLOW_MULTIPART = String.join("\n", "ossagent.multipart.threshold=256KiB",
            "ossagent.multipart.part-size=100KiB", "ossagent.multipart.threads=1");

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private TrainerFixture fixtureWithoutKey() throws Exception {
        TrainerFixture fixture = new TrainerFixture(dir);
        Files.delete(dir.resolve("AccessKey.csv"));
        return fixture;
    }

    private static void assertModelArrived(TrainerFixture fixture) throws Exception {
        assertEquals(TrainerFixture.sha256(fixture.workDir.resolve("models/rssm_model.pt")),
                fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"));
        assertEquals(TrainerFixture.sha256(fixture.workDir.resolve("training_episodes.json")),
                fixture.storedSha256(TrainerFixture.DATA_BUCKET, "training-data/training_episodes.json"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void ecsRoleOverImdsV2IsRenewedWhileAMultipartUploadOutlivesSeveralLifetimes(Path java) throws Exception {
        try (TrainerFixture fixture = fixtureWithoutKey();
             FakeEcsMetadata ecs = FakeEcsMetadata.builder(fixture.server).role("TrainerRole")
                     .lifetimeSeconds(LIFETIME_SECONDS).imdsV1Disabled().start()) {
            fixture.writeSettings(SLOW_MULTIPART + "\nossagent.credentials.ecs-metadata-endpoint=" + ecs.endpoint());
            fixture.server.faults().delayMillis(400);
            JvmRun.Result result = fixture.trainer(java, "--epochs", "1", "--pad-model-mb", "3")
                    .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "false").timeoutSeconds(180).run();

            SecretWatch.check(result.stdout + result.stderr);
            assertEquals(0, result.exitCode, result.toString());
            assertModelArrived(fixture);
            assertTrue(result.stderr.contains("[oss-agent] credentials: ECS RAM role TrainerRole (metadata service "
                    + ecs.endpoint() + "), id ****"), result.stderr);
            assertTrue(ecs.credentialsCount() >= 3, "renewed at least twice: " + ecs.credentialsCount());
            assertTrue(count(result.stderr, "credentials: renewed from ECS RAM role") >= 2, result.stderr);
            assertEquals(ecs.credentialsCount() + 1, ecs.tokenCount(), "an IMDSv2 session token for every credentials"
                    + " fetch, and one that the spot-notice poller (ossagent.preemption=auto) keeps for all its polls");
            assertTrue(ecs.spotCount() >= 1, "the spot notice is polled on the same service");
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void rrsaRoleIsRenewedWithTheRotatedTokenWhileAMultipartUploadOutlivesSeveralLifetimes(Path java)
            throws Exception {
        try (TrainerFixture fixture = fixtureWithoutKey();
             FakeSts sts = FakeSts.builder(fixture.server).lifetimeSeconds(LIFETIME_SECONDS)
                     .oidc(OIDC_ROLE, PROVIDER, SecretWatch.OIDC_TOKEN).start()) {
            Path token = dir.resolve("oidc-token");
            Files.writeString(token, SecretWatch.OIDC_TOKEN);
            fixture.writeSettings(SLOW_MULTIPART + "\nossagent.credentials.sts-endpoint=" + sts.endpoint());
            fixture.server.faults().delayMillis(400);
            JvmRun.Started run = fixture.trainer(java, "--epochs", "1", "--pad-model-mb", "3")
                    .env("ALIBABA_CLOUD_ROLE_ARN", OIDC_ROLE).env("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", PROVIDER)
                    .env("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token.toString()).timeoutSeconds(180).start();
            while (sts.oidcCount() < 2) {
                Thread.sleep(100);
            }
            // The kubelet rotates the token: STS now takes only the new one, read from the same file.
            String rotated = SecretWatch.OIDC_TOKEN + "-rotated";
            Files.writeString(token, rotated);
            sts.oidcToken(rotated);
            JvmRun.Result result = run.await();

            SecretWatch.check(result.stdout + result.stderr);
            assertEquals(0, result.exitCode, result.toString());
            assertModelArrived(fixture);
            assertTrue(result.stderr.contains("[oss-agent] credentials: RRSA role " + OIDC_ROLE + " (token file " + token
                    + ", STS " + sts.endpoint() + "), id ****"), result.stderr);
            assertTrue(sts.oidcCount() >= 4, "renewed with the rotated token too: " + sts.oidcCount());
            assertEquals(0, count(result.stderr, "renewing from"), "no renewal failed: " + result.stderr);
        }
    }

    /** {@code java -jar oss-agent.jar test} with a home of the test's own. */
    private JvmRun.Result test(Path java, TrainerFixture fixture, String... env) throws Exception {
        // test fails (exit 12) on a data file that matches nothing: the training data is there before training.
        if (!Files.exists(dir.resolve("training_episodes.json"))) {
            Files.writeString(dir.resolve("training_episodes.json"), "[]");
        }
        JvmRun run = new JvmRun(java, dir).jvmArgs("-Duser.home=" + dir.resolve("home"))
                .env("HOME", dir.resolve("home").toString())
                .launch("-jar", Artifacts.agentJar().toString()).args("test", "--config", fixture.settingsFile.toString())
                .env("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "false");
        for (int i = 0; i < env.length; i += 2) {
            run.env(env[i], env[i + 1]);
        }
        JvmRun.Result result = run.run();
        SecretWatch.check(result.stdout + result.stderr);
        return result;
    }

    private Path cliConfig(String profiles) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("home/.aliyun"));
        Path file = folder.resolve("config.json");
        Files.writeString(file, "{\"current\":\"default\",\"profiles\":[" + profiles + "]}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String profile(String name, String mode, String fields) {
        return "{\"name\":\"" + name + "\",\"mode\":\"" + mode + "\"," + fields + "}";
    }

    private static final String KEY_FIELDS = "\"access_key_id\":\"" + SecretWatch.KEY_ID + "\",\"access_key_secret\":\""
            + SecretWatch.SECRET + "\"";

    @ParameterizedTest
    @MethodSource("jdks")
    void everyProfileTypeAndTheCredentialsUriSignRequestsOssAccepts(Path java) throws Exception {
        try (TrainerFixture fixture = fixtureWithoutKey();
             FakeSts sts = FakeSts.builder(fixture.server).caller(SecretWatch.KEY_ID, SecretWatch.SECRET).role(ROLE)
                     .oidc(OIDC_ROLE, PROVIDER, SecretWatch.OIDC_TOKEN).start();
             FakeEcsMetadata ecs = FakeEcsMetadata.builder(fixture.server).role("TrainerRole").start();
             FakeCredentialsUri uri = FakeCredentialsUri.builder(fixture.server).start()) {
            fixture.writeSettings("ossagent.credentials.sts-endpoint=" + sts.endpoint()
                    + "\nossagent.credentials.ecs-metadata-endpoint=" + ecs.endpoint());
            Path token = dir.resolve("oidc-token");
            Files.writeString(token, SecretWatch.OIDC_TOKEN);
            Path config = cliConfig(String.join(",",
                    profile("default", "AK", KEY_FIELDS),
                    profile("role", "RamRoleArn", KEY_FIELDS + ",\"ram_role_arn\":\"" + ROLE + "\""),
                    profile("ecs", "EcsRamRole", "\"ram_role_name\":\"TrainerRole\""),
                    profile("oidc", "OIDC", "\"ram_role_arn\":\"" + OIDC_ROLE + "\",\"oidc_provider_arn\":\"" + PROVIDER
                            + "\",\"oidc_token_file\":\"" + token + "\""),
                    profile("chain", "ChainableRamRoleArn", "\"source_profile\":\"default\",\"ram_role_arn\":\"" + ROLE
                            + "\"")));
            String[][] cli = {
                {"default", "credentials: CLI profile default (" + config + ", mode AK), id ****0001"},
                {"role", "credentials: CLI profile role (" + config + ", mode RamRoleArn) via STS " + sts.endpoint()
                        + ", id ****"},
                {"ecs", "credentials: ECS RAM role TrainerRole from CLI profile ecs (" + config + ", mode EcsRamRole)"},
                {"oidc", "credentials: CLI profile oidc (" + config + ", mode OIDC) via STS " + sts.endpoint()},
                {"chain", "credentials: CLI profile chain (" + config + ", mode ChainableRamRoleArn) from profile default"},
            };
            for (String[] profile : cli) {
                JvmRun.Result result = test(java, fixture, "ALIBABA_CLOUD_PROFILE", profile[0]);
                assertEquals(0, result.exitCode, profile[0] + ": " + result);
                assertTrue(result.stdout.contains(profile[1]), result.stdout);
                if (!profile[0].equals("default")) {
                    assertTrue(result.stdout.contains(", expires 20"), "temporary: the expiry is shown " + result.stdout);
                }
            }

            Path ini = Files.createDirectories(dir.resolve("home/.alibabacloud")).resolve("credentials.ini");
            Files.writeString(ini, "[default]\nenable = true\ntype = access_key\naccess_key_id = " + SecretWatch.KEY_ID
                    + "\naccess_key_secret = " + SecretWatch.SECRET + "\n[ecs]\ntype = ecs_ram_role\nrole_name = TrainerRole\n"
                    + "[role]\ntype = ram_role_arn\naccess_key_id = " + SecretWatch.KEY_ID + "\naccess_key_secret = "
                    + SecretWatch.SECRET + "\nrole_arn = " + ROLE + "\nrole_session_name = trainer\n[oidc]\n"
                    + "type = oidc_role_arn\nrole_arn = " + OIDC_ROLE + "\noidc_provider_arn = " + PROVIDER
                    + "\noidc_token_file_path = " + token + "\n");
            Files.setPosixFilePermissions(ini, PosixFilePermissions.fromString("rw-r--r--"));
            Files.delete(config);
            for (String section : List.of("default", "ecs", "role", "oidc")) {
                JvmRun.Result result = test(java, fixture, "ALIBABA_CLOUD_PROFILE", section);
                assertEquals(0, result.exitCode, section + ": " + result);
                assertTrue(result.stdout.contains("credentials file " + ini + " [" + section + "]"), result.stdout);
                assertTrue(result.stderr.contains("WARN " + ini + " holds a secret and is readable by others (mode 0644)"),
                        "profile files get the CSV's permission warning: " + result.stderr);
            }
            Files.delete(ini);

            JvmRun.Result fromUri = test(java, fixture, "ALIBABA_CLOUD_CREDENTIALS_URI", uri.uri());
            assertEquals(0, fromUri.exitCode, fromUri.toString());
            assertTrue(fromUri.stdout.contains("credentials: credentials URI " + uri.uri() + ", id ****"),
                    fromUri.stdout);
            assertTrue(fromUri.stdout.contains(", expires 20"), fromUri.stdout);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void thePinnedTierAndEveryFailureLine(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir);
             FakeSts sts = FakeSts.builder(fixture.server).oidc(OIDC_ROLE, PROVIDER, SecretWatch.OIDC_TOKEN).start();
             FakeEcsMetadata ecs = FakeEcsMetadata.builder(fixture.server).role("TrainerRole").start()) {
            fixture.writeSettings("ossagent.credentials.sts-endpoint=" + sts.endpoint()
                    + "\nossagent.credentials.ecs-metadata-endpoint=" + ecs.endpoint()
                    + "\nossagent.credentials.source=ecs-ram-role");
            JvmRun.Result pinned = test(java, fixture, "ALIBABA_CLOUD_ECS_METADATA_DISABLED", "false");
            assertEquals(0, pinned.exitCode, pinned.toString());
            assertTrue(pinned.stdout.contains("credentials: ECS RAM role TrainerRole"), "the CSV is passed over: "
                    + pinned.stdout);

            ecs.role(null);
            assertFailure(test(java, fixture, "ALIBABA_CLOUD_ECS_METADATA_DISABLED", "false"),
                    "ECS RAM role: no RAM role is attached to this ECS instance");

            fixture.writeSettings("ossagent.credentials.sts-endpoint=" + sts.endpoint()
                    + "\nossagent.credentials.source=rrsa");
            Path token = dir.resolve("oidc-token");
            String[] rrsa = {"ALIBABA_CLOUD_ROLE_ARN", OIDC_ROLE, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", PROVIDER,
                "ALIBABA_CLOUD_OIDC_TOKEN_FILE", token.toString()};
            assertFailure(test(java, fixture, rrsa), "RRSA: OIDC token file " + token + " not found");
            Files.writeString(token, "");
            assertFailure(test(java, fixture, rrsa), "RRSA: OIDC token file " + token + " is empty");
            Files.writeString(token, SecretWatch.OIDC_TOKEN);
            sts.refuse(403, "NoPermission");
            assertFailure(test(java, fixture, rrsa), "RRSA: STS " + sts.endpoint()
                    + " AssumeRoleWithOIDC: STS refused (NoPermission, HTTP 403)");

            fixture.writeSettings("ossagent.credentials.source=credentials-uri");
            assertFailure(test(java, fixture, "ALIBABA_CLOUD_CREDENTIALS_URI", "http://127.0.0.1:1/credentials"),
                    "credentials URI: http://127.0.0.1:1/credentials unreachable (ConnectException)");

            fixture.writeSettings("ossagent.credentials.source=cli-profile");
            Path config = cliConfig(profile("default", "CloudSSO", "\"cloud_sso_account_id\":\"1\""));
            assertFailure(test(java, fixture), "CLI profile: " + config + ": profile default has mode 'CloudSSO', which"
                    + " the agent does not support (AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn)");
            assertFailure(test(java, fixture, "ALIBABA_CLOUD_PROFILE", "prod"),
                    "CLI profile: " + config + ": profile prod not found (profiles: default)");
        }
    }

    private static void assertFailure(JvmRun.Result result, String line) {
        assertEquals(3, result.exitCode, result.toString());
        List<String> errors = Unchanged.problems(result.stderr);
        assertEquals(1, errors.size(), "one line: " + errors);
        assertTrue(errors.get(0).startsWith("ERROR no credentials from the tier ossagent.credentials.source="),
                errors.get(0));
        assertTrue(errors.get(0).contains(" pins: " + line), errors.get(0) + "\n does not name\n" + line);
    }
}
