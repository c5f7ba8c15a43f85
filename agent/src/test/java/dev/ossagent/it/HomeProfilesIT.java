package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles under {@code $HOME} (issue 21, point 3): a container running as an arbitrary uid with
 * {@code HOME=/workspace} has its {@code ~/.alibabacloud/credentials.ini} there, not under the JVM's
 * {@code user.home} from the password database.
 */
class HomeProfilesIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    @Test
    void theCredentialsFileUnderHomeSignsWhenUserHomeIsElsewhere() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Files.delete(dir.resolve("AccessKey.csv"));
            Path ini = Files.createDirectories(dir.resolve("workspace/.alibabacloud")).resolve("credentials.ini");
            Files.writeString(ini, "[default]\ntype = access_key\naccess_key_id = " + SecretWatch.KEY_ID
                    + "\naccess_key_secret = " + SecretWatch.SECRET + "\n");
            Files.createDirectories(dir.resolve("passwd-home"));

            JvmRun.Result result = fixture.trainer(JAVA).jvmArgs("-Duser.home=" + dir.resolve("passwd-home"))
                    .env("HOME", dir.resolve("workspace").toString()).run();

            SecretWatch.check(result.stdout + result.stderr);
            assertEquals(0, result.exitCode, result.toString());
            assertTrue(result.stderr.contains(ini.toString()), "the line names the file it used: " + result.stderr);
            assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"));
        }
    }

    @Test
    void withoutAnyCredentialsTheLineNamesThePathUnderHome() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Files.delete(dir.resolve("AccessKey.csv"));
            JvmRun.Result result = fixture.trainer(JAVA).jvmArgs("-Duser.home=" + dir.resolve("passwd-home"))
                    .env("HOME", dir.resolve("workspace").toString()).run();

            assertTrue(result.stderr.contains("credentials file (" + dir.resolve("workspace/.alibabacloud/credentials.ini")
                    + ": not found)"), result.stderr);
            assertEquals(0, fixture.server.requestCount());
        }
    }
}
