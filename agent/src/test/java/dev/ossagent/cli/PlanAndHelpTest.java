package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlanAndHelpTest extends CliTest {
    @Test
    void planShowsFilesAndMissingAndSendsNothing() throws Exception {
        fixture.settings.put("ossagent.model.files", "${model},${modelDir}/scaler.pkl");
        fixture.settings.put("ossagent.data.files", "${modelDir}/../training_episodes.json");
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.write(models.resolve("rssm_model.pt"), new byte[2048]);
        Files.write(dir.resolve("training_episodes.json"), new byte[10]);

        CliFixture.Run run = fixture.cli("plan", "models/rssm_model.pt");
        assertEquals(0, run.code, run.toString());
        String[] lines = run.out.split("\\R");
        assertTrue(lines[0].startsWith("upload plan for " + models.resolve("rssm_model.pt")), run.toString());
        assertTrue(run.out.contains("  " + models.resolve("rssm_model.pt")
                + " -> hktech-agent-models/models/rssm_model.pt (2.0 KiB)"), run.toString());
        assertTrue(run.out.contains("  " + dir.resolve("training_episodes.json")
                + " -> cloud-training/training-data/training_episodes.json (10 B)"), run.toString());
        assertTrue(run.out.contains("  " + models.resolve("scaler.pkl") + " -> missing"), run.toString());
        assertEquals(0, fixture.server.requestCount(), "plan sends nothing");
    }

    @Test
    void planNeedsNoTargetClassAndNoCredentials() throws Exception {
        Files.delete(dir.resolve("AccessKey.csv"));
        CliFixture.Run run = fixture.cli("plan", "nothing-here.pt");
        assertEquals(0, run.code, run.toString());
        assertTrue(run.out.contains("nothing-here.pt -> missing"), run.toString());
    }

    @Test
    void version() {
        CliFixture.Run run = fixture.raw("--version");
        assertEquals(0, run.code, run.toString());
        assertTrue(run.out.startsWith("oss-agent dev"), run.toString());
    }

    @Test
    void helpForEveryCommandListsExitCodes() {
        for (String command : new String[] {"test", "upload", "list"}) {
            CliFixture.Run run = fixture.raw(command, "--help");
            assertEquals(0, run.code, run.toString());
            assertTrue(run.out.contains("Usage: oss-agent " + command), run.toString());
            assertTrue(run.out.contains("Exit codes:") && run.out.contains("unreachable")
                    && run.out.contains("wrong key"), run.toString());
        }
        CliFixture.Run plan = fixture.raw("plan", "--help");
        assertTrue(plan.out.contains("MODEL_PATH") && plan.out.contains("Exit codes:"), plan.toString());
        CliFixture.Run top = fixture.raw("--help");
        assertTrue(top.out.contains("test") && top.out.contains("upload") && top.out.contains("list")
                && top.out.contains("plan"), top.toString());
    }

    @Test
    void badOptionIsAUsageErrorOnOneLine() {
        CliFixture.Run run = fixture.raw("list", "--bogus");
        assertEquals(ExitCodes.USAGE, run.code, run.toString());
        assertTrue(run.err.startsWith("[oss-agent] ERROR Unknown option: '--bogus'"), run.toString());
        assertTrue(run.err.contains("java -jar oss-agent.jar list --help"), run.toString());
    }

    @Test
    void missingSettingsFileIsAUsageError() {
        CliFixture.Run run = fixture.raw("list", "--config", "no-such.properties");
        assertEquals(ExitCodes.USAGE, run.code, run.toString());
        assertTrue(TestCommandTest.errorLine(run).contains("no-such.properties (--config) does not exist"), run.toString());
    }

    @Test
    void tableCountsWideCharactersTwice() {
        assertEquals(4, TextTable.width("中文"));
        assertEquals(8, TextTable.width("a 模型.b"));
    }

    @Test
    void progressBarRendering() {
        String line = ProgressBar.render("[1/2] model.pt", 5L * 1024 * 1024, 10L * 1024 * 1024, 1.0);
        assertEquals("[1/2] model.pt [############------------]  50.0%  5.0 MiB / 10.0 MiB  5.2 MB/s", line);
        assertTrue(ProgressBar.render("empty", 0, 0, 0).contains("100.0%"));
    }

    @Test
    void aBarStartedAgainCountsFromZero() {
        try (dev.ossagent.log.LogCapture log = new dev.ossagent.log.LogCapture()) {
            ProgressBar bar = new ProgressBar(System.err, false, "downloading", "m.pt", 8L * 1024 * 1024);
            bar.progressChanged(new com.aliyun.oss.event.ProgressEvent(
                    com.aliyun.oss.event.ProgressEventType.TRANSFER_STARTED_EVENT));
            bar.progressChanged(new com.aliyun.oss.event.ProgressEvent(
                    com.aliyun.oss.event.ProgressEventType.RESPONSE_BYTE_TRANSFER_EVENT, 5L * 1024 * 1024));
            bar.progressChanged(new com.aliyun.oss.event.ProgressEvent(
                    com.aliyun.oss.event.ProgressEventType.TRANSFER_STARTED_EVENT));
            bar.progressChanged(new com.aliyun.oss.event.ProgressEvent(
                    com.aliyun.oss.event.ProgressEventType.RESPONSE_BYTE_TRANSFER_EVENT, 3L * 1024 * 1024));
            assertTrue(log.text().contains("downloading m.pt (8.0 MiB)"), log.text());
            assertTrue(log.text().contains("m.pt: 50% (5.0 MiB of 8.0 MiB"), log.text());
            assertTrue(log.text().contains("m.pt: 25% (3.0 MiB of 8.0 MiB"), log.text());
        }
    }
}
