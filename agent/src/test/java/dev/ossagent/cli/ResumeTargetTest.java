package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PendingCount;
import dev.ossagent.journal.PlanRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resume --retarget} after a typo in a bucket or prefix was fixed, and {@code resume --drop PLAN}. */
class ResumeTargetTest {
    @TempDir
    Path dir;

    /** A plan journaled as if the settings had said bucket {@code hktech-agent-modles}, prefix {@code modles/}. */
    private String planWithTypo(CliFixture cli) throws Exception {
        Path model = Files.write(dir.resolve("model.pt"), new byte[] {1, 2, 3});
        Path data = Files.write(dir.resolve("episodes.json"), new byte[] {4, 5});
        PlanRecord draft = PlanRecord.now("com.example.T#train", model.toString(), cli.server.endpoint(),
                "hktech-agent-modles", "modles/oss-agent-manifest.json").withData(CliFixture.DATA_BUCKET, "trainnig/");
        try (JournaledPlan plan = new Journal(dir.resolve("state")).record(draft, List.of(
                new JournalEntry(1, model, "hktech-agent-modles", "modles/model.pt", 3),
                new JournalEntry(2, data, CliFixture.DATA_BUCKET, "trainnig/episodes.json", 2)))) {
            return plan.record().id();
        }
    }

    private CliFixture fixture() throws Exception {
        CliFixture cli = new CliFixture(dir);
        cli.settings.put("ossagent.state.dir", dir.resolve("state").toString());
        cli.settings.put("ossagent.model.prefix", "models/");
        cli.settings.put("ossagent.data.prefix", "training-data/");
        return cli;
    }

    @Test
    void retargetSendsAPlanToTheBucketsAndPrefixesConfiguredNow() throws Exception {
        try (CliFixture cli = fixture()) {
            String id = planWithTypo(cli);
            CliFixture.Run stillWrong = cli.cli("resume");
            assertEquals(ExitCodes.NO_SUCH_BUCKET, stillWrong.code, stillWrong.toString());

            CliFixture.Run run = cli.cli("resume", "--retarget");

            assertEquals(0, run.code, run.toString());
            assertTrue(run.out.contains("plan " + id + " retargeted: 2 file(s) now go to " + cli.server.endpoint() + " "
                    + CliFixture.MODEL_BUCKET + "/models/ and " + CliFixture.DATA_BUCKET + "/training-data/ (were "
                    + cli.server.endpoint() + " hktech-agent-modles/modles/ and " + CliFixture.DATA_BUCKET + "/trainnig/)"),
                    run.out);
            Path root = cli.server.root();
            assertTrue(Files.exists(root.resolve(CliFixture.MODEL_BUCKET + "/models/model.pt")));
            assertTrue(Files.exists(root.resolve(CliFixture.DATA_BUCKET + "/training-data/episodes.json")));
            assertTrue(Files.exists(root.resolve(CliFixture.MODEL_BUCKET + "/models/oss-agent-manifest.json")));
            assertEquals(0, PendingCount.files(dir.resolve("state")));
        }
    }

    @Test
    void dropForgetsOnePlanAndSaysSo() throws Exception {
        try (CliFixture cli = fixture()) {
            String id = planWithTypo(cli);

            CliFixture.Run run = cli.cli("resume", "--drop", id);

            assertEquals(0, run.code, run.toString());
            assertTrue(run.out.contains("dropped plan " + id + " (com.example.T#train returned "), run.out);
            assertTrue(run.out.contains("2 file(s), 5 B to upload, manifest to write; none of it will be uploaded"),
                    run.out);
            assertEquals(0, PendingCount.files(dir.resolve("state")));
            assertTrue(cli.cli("resume").out.contains("nothing to resume"));
            assertEquals(ExitCodes.FAILED, cli.cli("resume", "--drop", id).code, "gone already");
        }
    }

    /** Issue 22.3: with ${run} in the prefix, the retargeted files land under the plan's own run id, not a new one. */
    @Test
    void retargetKeepsThePlansOwnRunId() throws Exception {
        try (CliFixture cli = fixture()) {
            cli.settings.put("ossagent.model.prefix", "models/${run}/");
            Path model = Files.write(dir.resolve("model.pt"), new byte[] {1, 2, 3});
            PlanRecord draft = PlanRecord.now("com.example.T#train", model.toString(), cli.server.endpoint(),
                    "hktech-agent-modles", "models/run-of-the-plan/oss-agent-manifest.json")
                    .withRun("run-of-the-plan", 0, null);
            try (JournaledPlan plan = new Journal(dir.resolve("state")).record(draft, List.of(
                    new JournalEntry(1, model, "hktech-agent-modles", "models/run-of-the-plan/model.pt", 3)))) {
                assertEquals("run-of-the-plan", plan.record().run());
            }

            CliFixture.Run run = cli.cli("resume", "--retarget");

            assertEquals(0, run.code, run.toString());
            Path root = cli.server.root();
            assertTrue(Files.exists(root.resolve(CliFixture.MODEL_BUCKET + "/models/run-of-the-plan/model.pt")), run.toString());
            assertTrue(Files.exists(root.resolve(CliFixture.MODEL_BUCKET
                    + "/models/run-of-the-plan/oss-agent-manifest.json")), run.toString());
        }
    }
}
