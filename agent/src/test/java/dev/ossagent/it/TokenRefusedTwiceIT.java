package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.localoss.sts.FakeEcsMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token refused after renewal (issue 21, point 4): credentials living 3 s, behind a server that holds each request
 * 300 ms before it checks the token, and a 120 MiB multipart upload that outlives many lifetimes. A renewed token
 * refused as well is renewed and sent again within ossagent.retry.max-attempts, with the retry back-off.
 */
class TokenRefusedTwiceIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    @Test
    void threeSecondCredentialsBehindA300msHoldUploadA120MiBModelWhole() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir);
             FakeEcsMetadata ecs = FakeEcsMetadata.builder(fixture.server).role("TrainerRole")
                     .lifetimeSeconds(3).imdsV1Disabled().start()) {
            Files.delete(dir.resolve("AccessKey.csv"));
            fixture.writeSettings("ossagent.multipart.part-size=4MiB\nossagent.multipart.threads=1\n"
                    + "ossagent.retry.backoff=100ms\n"
                    + "ossagent.credentials.ecs-metadata-endpoint=" + ecs.endpoint());
            fixture.server.faults().delayMillis(300);
            fixture.server.maxBandwidth(20_000_000);
            JvmRun.Started trainer = fixture.trainer(JAVA, "--epochs", "1", "--pad-model-mb", "120")
                    .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "false").timeoutSeconds(600).start();
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (fixture.server.requestLog().stream().filter(line -> line.contains("partNumber=")
                    && line.endsWith("-> 200")).count() < 4) {
                assertTrue(System.nanoTime() < deadline, "parts should be arriving: " + trainer.stderrSoFar());
                Thread.sleep(20);
            }
            // A part refused as expired, then its renewed token refused as well.
            fixture.server.faults().refuseTokens(2);
            JvmRun.Result result = trainer.await();

            SecretWatch.check(result.stdout + result.stderr);
            assertEquals(0, result.exitCode, result.toString());
            assertEquals(-1, Files.mismatch(dir.resolve("models/rssm_model.pt"), fixture.server.root()
                    .resolve(TrainerFixture.MODEL_BUCKET).resolve("models/rssm_model.pt")), result.stderr);
            assertTrue(ecs.credentialsCount() >= 3, "renewed several times: " + ecs.credentialsCount());
            assertTrue(result.stderr.contains("was refused again (SecurityTokenExpired); renewing and sending it again"),
                    result.stderr);
            assertFalse(result.stderr.contains("check this machine's clock"), result.stderr);
        }
    }
}
