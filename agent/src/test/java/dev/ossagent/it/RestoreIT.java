package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ossagent.restore in real JVMs against local-oss: the machine that replaces a reclaimed one starts from the
 * newest run's model files, fetched before its train method starts; nothing is overwritten; bad inputs are one line
 * and training goes on.
 */
class RestoreIT {
    @TempDir
    Path dir;

    private static String classes() throws Exception {
        return Paths.get(dev.ossagent.it.fixture.SpotTrainer.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
    }

    private static void settings(TrainerFixture fixture, String extra) throws Exception {
        fixture.writeSettings("ossagent.target.class=dev.ossagent.it.fixture.SpotTrainer\n"
                + "ossagent.target.method=checkpoint\nossagent.model.files=${model}\nossagent.data.files=\n"
                + "ossagent.model.prefix=models/${run}/\nossagent.latest=models/LATEST.json\n" + extra);
    }

    /** The trainer's resume mode: prints what the folder holds as train starts, then saves after-restore.bin. */
    private static JvmRun.Result resume(TrainerFixture fixture, Path folder) throws Exception {
        JvmRun.Result result = new JvmRun(Jdks.all().get(0), fixture.workDir).jvmArgs(fixture.agentArg())
                .launch("-cp", classes(), "dev.ossagent.it.fixture.SpotTrainerMain").args(folder.toString(), "resume")
                .run();
        assertEquals(0, result.exitCode, result.toString());
        return result;
    }

    @Test
    void aFreshMachineStartsFromTheLatestRunAndNothingIsOverwritten() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            settings(fixture, "ossagent.run.id=first");
            Path first = dir.resolve("first");
            resume(fixture, first);
            String saved = TrainerFixture.sha256(first.resolve("after-restore.bin"));

            settings(fixture, "ossagent.run.id=second\nossagent.restore=latest\nossagent.restore.dir=fresh");
            JvmRun.Result restored = resume(fixture, dir.resolve("fresh"));
            assertTrue(restored.stdout.contains("train starts; resume folder holds: after-restore.bin"),
                    "the files are there before train starts:\n" + restored);
            assertTrue(restored.stderr.contains("restored " + dir.resolve("fresh").toRealPath().resolve(
                    "after-restore.bin") + " (1.0 MiB, size, CRC64 and SHA-256 verified) from run first"), restored.stderr);
            assertEquals(saved, TrainerFixture.sha256(dir.resolve("fresh/after-restore.bin")));

            Path kept = Files.createDirectories(dir.resolve("kept"));
            Files.writeString(kept.resolve("mine.txt"), "the user's own");
            settings(fixture, "ossagent.run.id=third\nossagent.restore=latest\nossagent.restore.dir=kept");
            JvmRun.Result untouched = resume(fixture, kept);
            assertTrue(untouched.stdout.contains("resume folder holds: mine.txt\n"), untouched.toString());
            assertTrue(untouched.stderr.contains("restore: " + kept + " already holds files; left untouched"),
                    untouched.stderr);
            assertEquals("the user's own", Files.readString(kept.resolve("mine.txt")));
        }
    }

    @Test
    void badInputsAreOneLineAndTrainingGoesOn() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            settings(fixture, "ossagent.run.id=first\nossagent.restore=latest\nossagent.restore.dir=none-yet");
            JvmRun.Result noRun = resume(fixture, dir.resolve("none-yet"));
            assertTrue(noRun.stderr.contains("restore: no run in hktech-agent-models yet; training starts fresh"),
                    noRun.stderr);
            assertTrue(noRun.stdout.contains("resume folder holds: (no folder)"), noRun.toString());

            settings(fixture, "ossagent.run.id=second\nossagent.restore=no-such-run\nossagent.restore.dir=absent");
            JvmRun.Result unknown = resume(fixture, dir.resolve("absent"));
            assertTrue(unknown.stderr.contains("ERROR restore: there is no run no-such-run in hktech-agent-models;"
                    + " training starts fresh"), unknown.stderr);

            Files.writeString(dir.resolve("a-file"), "x");
            settings(fixture, "ossagent.run.id=third\nossagent.restore=first\nossagent.restore.dir=a-file");
            JvmRun.Result file = resume(fixture, dir.resolve("elsewhere"));
            assertTrue(file.stderr.contains("ERROR ossagent.restore.dir=" + dir.resolve("a-file") + " is not a folder;"
                    + " nothing restored"), file.stderr);
            assertEquals("x", Files.readString(dir.resolve("a-file")));
            assertFalse(file.stderr.contains("restored "), file.stderr);

            fixture.server.faults().delayMillis(3_000);
            settings(fixture, "ossagent.run.id=fourth\nossagent.restore=latest\nossagent.restore.dir=slow\n"
                    + "ossagent.restore.timeout=1s");
            JvmRun.Result slow = resume(fixture, dir.resolve("slow"));
            assertTrue(slow.stderr.contains("ERROR restore of latest into " + dir.resolve("slow") + " did not finish"
                    + " within ossagent.restore.timeout=1s; training starts without what is not there yet"), slow.stderr);
            assertTrue(slow.stdout.contains("train starts"), slow.toString());
        }
    }
}
