package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.OSSObject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UploadCommandTest extends CliTest {
    @Test
    void folderAndFileLandByteIdenticalUnderTheAgentsKeys() throws Exception {
        Path subDir = Files.createDirectories(dir.resolve("work/run1/sub dir"));
        Path run1 = subDir.getParent();
        Map<String, Path> expected = new LinkedHashMap<>();
        expected.put("hktech-agent-models/models/run1/rssm_model.pt", write(run1.resolve("rssm_model.pt"), 3_000_000));
        expected.put("hktech-agent-models/models/run1/sub dir/模型 参数.bin", write(subDir.resolve("模型 参数.bin"), 1234));
        expected.put("hktech-agent-models/models/run1/empty.txt", write(run1.resolve("empty.txt"), 0));
        expected.put("cloud-training/training-data/training_episodes.json",
                write(dir.resolve("work/training_episodes.json"), 70_000));

        CliFixture.Run run = fixture.cli("upload", "--model", "work/run1", "--data", "work/training_episodes.json");
        assertEquals(0, run.code, run.toString());
        assertTrue(run.out.startsWith("FILE "), "summary table header:\n" + run);
        assertTrue(run.out.contains("4 of 4 files uploaded"), run.toString());
        for (String object : expected.keySet()) {
            assertTrue(run.out.contains(object), "table lists " + object + ":\n" + run);
        }
        assertTrue(run.err.contains("[oss-agent] uploading [1/4] "), "plain progress lines off a terminal:\n" + run);

        OSS client = fixture.client();
        try {
            for (Map.Entry<String, Path> entry : expected.entrySet()) {
                String bucket = entry.getKey().substring(0, entry.getKey().indexOf('/'));
                String key = entry.getKey().substring(bucket.length() + 1);
                OSSObject object = client.getObject(bucket, key);
                byte[] stored;
                try (InputStream in = object.getObjectContent()) {
                    stored = in.readAllBytes();
                }
                assertArrayEquals(sha256(Files.readAllBytes(entry.getValue())), sha256(stored), entry.getKey());
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void missingFileFailsTheRunButTheOthersGo() throws Exception {
        write(dir.resolve("scaler.pkl"), 100);
        CliFixture.Run run = fixture.cli("upload", "--model", "scaler.pkl", "nope.pt");
        assertEquals(ExitCodes.FAILED, run.code, run.toString());
        assertTrue(run.out.contains("MISSING"), run.toString());
        assertTrue(run.out.contains("1 of 2 files uploaded"), run.toString());
    }

    @Test
    void wrongSecretStopsWithTheWrongKeyCode() throws Exception {
        fixture.writeCsv(CliFixture.ID, CliFixture.WRONG_SECRET);
        write(dir.resolve("a.bin"), 10);
        write(dir.resolve("b.bin"), 10);
        CliFixture.Run run = fixture.cli("upload", "--model", "a.bin", "b.bin");
        assertEquals(ExitCodes.WRONG_KEY, run.code, run.toString());
        assertTrue(run.out.contains("FAILED: wrong key") && run.out.contains("not sent"), run.toString());
        assertTrue(TestCommandTest.errorLine(run).contains("SignatureDoesNotMatch"), run.toString());
    }

    @Test
    void liveBarOnATerminal() throws Exception {
        fixture.terminal = true;
        write(dir.resolve("big.bin"), 2_000_000);
        CliFixture.Run run = fixture.cli("upload", "--model", "big.bin");
        assertEquals(0, run.code, run.toString());
        assertTrue(run.err.contains("\r[1/1] big.bin [") && run.err.contains("100.0%"), run.toString());
        assertTrue(run.err.contains("MB/s"), run.toString());
    }

    @Test
    void nothingGivenIsAUsageError() throws Exception {
        CliFixture.Run run = fixture.cli("upload");
        assertEquals(ExitCodes.USAGE, run.code, run.toString());
    }

    @Test
    void dataWithoutDataBucketIsAUsageError() throws Exception {
        fixture.settings.remove("ossagent.data.bucket");
        write(dir.resolve("d.json"), 5);
        CliFixture.Run run = fixture.cli("upload", "--data", "d.json");
        assertEquals(ExitCodes.USAGE, run.code, run.toString());
        assertTrue(TestCommandTest.errorLine(run).contains("ossagent.data.bucket is not set"), run.toString());
    }

    static Path write(Path file, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    /** Issue 22.3: a hand upload joins a run instead of making a run of its own. */
    @Test
    void runJoinsAnExistingRunsPrefix() throws Exception {
        fixture.settings.put("ossagent.model.prefix", "models/${run}/");
        Path file = write(dir.resolve("extra.bin"), 1000);
        CliFixture.Run run = fixture.cli("upload", "--run", "20261206-0600-trainer", "--model", file.toString());
        assertEquals(0, run.code, run.toString());
        assertTrue(Files.exists(fixture.server.root().resolve("hktech-agent-models/models/20261206-0600-trainer/extra.bin")),
                run.toString());
    }
}
