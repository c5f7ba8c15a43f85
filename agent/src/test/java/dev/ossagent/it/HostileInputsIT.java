package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs an operator's environment may hold, in real JVMs: {@code /dev/zero} or a named pipe as the OIDC token
 * file (once 5.5 GB of RSS, then OutOfMemoryError; a pipe hung), and a password in a credentials URL.
 */
class HostileInputsIT {
    private static final String PASSWORD = "hunter2-never-print";

    @TempDir
    Path dir;

    private JvmRun.Result test(TrainerFixture fixture, String... env) throws Exception {
        Files.deleteIfExists(dir.resolve("AccessKey.csv")); // so the chain reaches the tier under test
        JvmRun run = new JvmRun(Jdks.all().get(0), dir).jvmArgs("-Xmx64m", "-Duser.home=" + dir.resolve("home"))
                .launch("-jar", Artifacts.agentJar().toString()).args("test", "--config", fixture.settingsFile.toString())
                .timeoutSeconds(60);
        for (int i = 0; i < env.length; i += 2) {
            run.env(env[i], env[i + 1]);
        }
        return run.run();
    }

    private static String[] rrsa(String tokenFile) {
        return new String[] {"ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1234567890:role/oss-writer",
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1234567890:oidc-provider/c1",
            "ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile, "ALIBABA_CLOUD_STS_ENDPOINT", "http://127.0.0.1:9"};
    }

    @Test
    void aTokenFileThatIsDevZeroOrANamedPipeIsOneLineNotAnOutOfMemoryErrorOrAHang() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result zero = test(fixture, rrsa("/dev/zero"));

            assertTrue(zero.stderr.contains("OIDC token file /dev/zero is not a regular file (a device, named pipe or"
                    + " socket), so it is not read"), zero.toString());
            assertFalse((zero.stdout + zero.stderr).contains("OutOfMemoryError"), zero.toString());

            Path pipe = dir.resolve("token-pipe");
            assertTrue(Fifo.make(pipe), "mkfifo");
            JvmRun.Result fifo = test(fixture, rrsa(pipe.toString()));
            assertTrue(fifo.stderr.contains("OIDC token file " + pipe + " is not a regular file"), fifo.toString());
            assertTrue(fifo.seconds < 30, "no hang: " + fifo.seconds + " s");
        }
    }

    @Test
    void aPasswordInACredentialsOrStsUrlIsNeverPrinted() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path token = Files.writeString(dir.resolve("token"), "oidc-token");
            String[] env = rrsa(token.toString());
            env[env.length - 1] = "http://admin:" + PASSWORD + "@127.0.0.1:9";
            JvmRun.Result sts = test(fixture, env);
            assertTrue(sts.stderr.contains("STS http://127.0.0.1:9 AssumeRoleWithOIDC"), sts.toString());
            assertFalse((sts.stdout + sts.stderr).contains(PASSWORD), sts.toString());

            JvmRun.Result uri = test(fixture, "ALIBABA_CLOUD_CREDENTIALS_URI",
                    "http://u:" + PASSWORD + "@127.0.0.1:9/creds?token=" + PASSWORD);
            assertTrue(uri.stderr.contains("http://127.0.0.1:9/creds?..."), uri.toString());
            assertFalse((uri.stdout + uri.stderr).contains(PASSWORD), uri.toString());
        }
    }
}
