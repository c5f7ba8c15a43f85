package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.it.fixture.OddTrainerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In async mode with a short exit timeout, the exit hook says the journal keeps the files only once the
 * journal does: the plan is whole in the journal (resume finds every file), and no temporary file is left.
 */
class JournalAtExitIT {
    @TempDir
    Path dir;

    private static Path java() {
        return Jdks.all().get(0);
    }

    @Test
    void theDemosThreeFilesAreInTheJournalWhenExitSaysSoWithATimeoutOfZero() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.upload.mode=async\nossagent.exit.timeout=0s");
            fixture.server.faults().delayMillis(3_000);

            JvmRun.Result result = fixture.trainer(java()).run();

            assertEquals(0, result.exitCode, result.toString());
            assertTrue(result.stderr.contains("keeps them; finish with:"), result.stderr);
            assertJournalHoldsWholePlans(3);
        }
    }

    @Test
    void aFolderOfThousandsOfFilesIsInTheJournalWhenExitSaysSo() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.target.class=dev.ossagent.it.fixture.OddTrainer\n"
                    + "ossagent.target.method=trainPath\nossagent.model.files=${model}\nossagent.data.files=\n"
                    + "ossagent.upload.mode=async\nossagent.exit.timeout=0s");
            fixture.server.faults().delayMillis(3_000);
            Path folder = Files.createDirectories(dir.resolve("ckpt"));
            int files = 4_000;
            for (int i = 0; i < files; i++) {
                Files.writeString(folder.resolve("shard-" + i + ".bin"), "shard " + i);
            }
            Path classes = Paths.get(OddTrainerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());

            JvmRun.Result result = new JvmRun(java(), dir).jvmArgs(fixture.agentArg())
                    .launch("-cp", classes.toString(), OddTrainerMain.class.getName()).args("path", folder.toString())
                    .timeoutSeconds(120).run();

            assertEquals(OddTrainerMain.EXIT_CODE, result.exitCode, result.toString());
            assertTrue(result.stderr.contains("keeps them; finish with:"), result.stderr);
            assertFalse(result.stderr.contains("was not recorded"), result.stderr);
            assertJournalHoldsWholePlans(files);
        }
    }

    /** Every plan file has all its entries, pending or done, and nothing temporary is anywhere. */
    private void assertJournalHoldsWholePlans(int files) throws Exception {
        Path journal = dir.resolve("state/journal");
        List<String> names;
        try (Stream<Path> all = Files.list(journal)) {
            names = all.map(path -> path.getFileName().toString()).toList();
        }
        List<String> plans = names.stream().filter(name -> name.endsWith(".plan")).toList();
        assertEquals(1, plans.size(), "one whole plan: " + names.size() + " files");
        long entries = names.stream().filter(name -> name.endsWith(".pending") || name.endsWith(".done"))
                .filter(name -> !name.endsWith(".manifest.pending")).count();
        assertEquals(files, entries, "each file in the journal");
        try (Stream<Path> all = Files.walk(dir.resolve("state"))) {
            assertEquals(List.of(), all.filter(path -> path.toString().endsWith(".tmp")).toList());
        }
    }
}
