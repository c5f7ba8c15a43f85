package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import java.net.ServerSocket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TestCommandTest extends CliTest {
    @Test
    void goodKeysReportBothBucketsAndExitZero() throws Exception {
        CliFixture.Run run = fixture.cli("test");
        assertEquals(0, run.code, run.toString());
        assertTrue(run.out.contains("model bucket: " + CliFixture.MODEL_BUCKET), run.toString());
        assertTrue(run.out.contains("data bucket: " + CliFixture.DATA_BUCKET), run.toString());
        assertTrue(run.out.contains("****0001"), run.toString());
        assertFalse(run.out.contains(CliFixture.ID), "the full id is masked:\n" + run);
        assertTrue(run.out.contains("AccessKey.csv"), "names the tier:\n" + run);
        assertTrue(run.out.contains("location:  oss-cn-beijing"), run.toString());
        assertTrue(run.out.contains(fixture.server.endpoint()), run.toString());
        assertEquals(2, count(run.out, "write:     yes"), run.toString());
        assertTrue(run.out.contains("OK: both buckets are usable"), run.toString());
        // The write probes were deleted again.
        OSS client = fixture.client();
        try {
            assertEquals(0, client.listObjectsV2(CliFixture.MODEL_BUCKET).getKeyCount());
            assertEquals(0, client.listObjectsV2(CliFixture.DATA_BUCKET).getKeyCount());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void wrongSecretIsAWrongKey() throws Exception {
        fixture.writeCsv(CliFixture.ID, CliFixture.WRONG_SECRET);
        CliFixture.Run run = fixture.cli("test");
        assertEquals(ExitCodes.WRONG_KEY, run.code, run.toString());
        assertTrue(run.err.contains("[oss-agent] ERROR") && run.err.contains("SignatureDoesNotMatch"), run.toString());
        assertTrue(run.err.contains("check the secret"), run.toString());
        assertTrue(run.out.contains("data bucket: not checked"), run.toString());
    }

    @Test
    void unknownIdIsAWrongKey() throws Exception {
        fixture.writeCsv("LTAI-UNKNOWNID9999", CliFixture.SECRET);
        CliFixture.Run run = fixture.cli("test");
        assertEquals(ExitCodes.WRONG_KEY, run.code, run.toString());
        assertTrue(run.err.contains("InvalidAccessKeyId"), run.toString());
    }

    @Test
    void unknownBucketIsNamedWithWhereToCreateIt() throws Exception {
        fixture.settings.put("ossagent.data.bucket", "no-such-cli-bucket");
        CliFixture.Run run = fixture.cli("test");
        assertEquals(ExitCodes.NO_SUCH_BUCKET, run.code, run.toString());
        String error = errorLine(run);
        assertTrue(error.contains("no-such-cli-bucket") && error.contains("NoSuchBucket"), run.toString());
        assertTrue(error.contains("create it in the OSS console in region cn-beijing"), run.toString());
        assertTrue(error.contains("ossagent.data.bucket"), run.toString());
        assertEquals(1, count(run.out, "write:     yes"), "the model bucket still checks out:\n" + run);
    }

    @Test
    void closedPortIsUnreachableAndFast() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        fixture.settings.put("ossagent.endpoint", "http://127.0.0.1:" + port);
        CliFixture.Run run = fixture.cli("test");
        assertEquals(ExitCodes.UNREACHABLE, run.code, run.toString());
        assertTrue(errorLine(run).contains("cannot reach http://127.0.0.1:" + port + ": connection refused"), run.toString());
        assertTrue(run.millis < 10_000, "took " + run.millis + " ms");
    }

    @Test
    void bucketInAnotherRegionIsAWrongRegion() throws Exception {
        CliFixture.Run run = fixture.cli("test", "-Dossagent.region=cn-hangzhou");
        assertEquals(ExitCodes.WRONG_REGION, run.code, run.toString());
        String error = errorLine(run);
        assertTrue(error.contains("is in region cn-beijing") && error.contains("ossagent.region=cn-beijing"), run.toString());
    }

    @Test
    void noCredentialsAnywhere() throws Exception {
        Files.delete(dir.resolve("AccessKey.csv"));
        CliFixture.Run run = fixture.cli("test");
        assertEquals(ExitCodes.NO_CREDENTIALS, run.code, run.toString());
        assertTrue(errorLine(run).contains("no credentials"), run.toString());
        assertEquals(0, fixture.server.requestCount(), "nothing is sent without a key");
    }

    @Test
    void environmentCredentialsWin() throws Exception {
        Files.delete(dir.resolve("AccessKey.csv"));
        fixture.environment.put("OSS_ACCESS_KEY_ID", CliFixture.ID);
        fixture.environment.put("OSS_ACCESS_KEY_SECRET", CliFixture.SECRET);
        CliFixture.Run run = fixture.cli("test");
        assertEquals(0, run.code, run.toString());
        assertTrue(run.out.contains("credentials: environment (OSS_ACCESS_KEY_ID"), run.toString());
    }

    @Test
    void defaultConfigIsTheWorkingDirectoryFile() throws Exception {
        fixture.writeSettings();
        CliFixture.Run run = fixture.raw("test");
        assertEquals(0, run.code, run.toString());
        assertTrue(run.out.contains("settings:    " + fixture.settingsFile), run.toString());
    }

    @Test
    void missingBucketSettingIsAUsageError() throws Exception {
        fixture.settings.remove("ossagent.model.bucket");
        CliFixture.Run run = fixture.cli("test");
        assertEquals(ExitCodes.USAGE, run.code, run.toString());
        assertTrue(errorLine(run).contains("ossagent.model.bucket is not set"), run.toString());
    }

    static String errorLine(CliFixture.Run run) {
        for (String line : run.err.split("\\R")) {
            if (line.startsWith("[oss-agent] ERROR ")) {
                return line;
            }
        }
        throw new AssertionError("no error line:\n" + run);
    }

    static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
