package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.it.fixture.FitMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint saved inside a watched {@code fit} (issue 21, point 1), in a real JVM under the agent: the nested
 * save uploads while training runs, and the model {@code fit} returns arrives too.
 */
class NestedSavesIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    private static Path testClasses() throws Exception {
        return Paths.get(FitMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The shape: 30 checkpoints of 2 MiB, 20 ms apart; both files arrive, the checkpoint is its last save. */
    @Test
    void checkpointsSavedInsideFitEvery20msAndTheModelBothArrive() throws Exception {
        long[] times = fit(20);
        System.out.println("20 ms apart: first checkpoint stored " + (times[1] - times[0]) + " ms before fit returned");
    }

    /** Fit takes 3 s (30 checkpoints 100 ms apart): a checkpoint is in OSS before it returns. */
    @Test
    void aCheckpointSavedInsideFitIsInOssBeforeFitReturns() throws Exception {
        long[] times = fit(100);
        System.out.println("100 ms apart: first checkpoint stored " + (times[1] - times[0]) + " ms before fit returned");
        assertTrue(times[0] > 0 && times[0] < times[1], "a checkpoint was stored " + (times[1] - times[0])
                + " ms before fit returned");
    }

    /** "changed since it was planned (size a -> b, modified c -> d)": each value named differs (issue 21 point 5). */
    private static void assertChangedLinesShowWhatDiffers(String stderr) {
        Matcher changed = Pattern.compile("changed since it was planned \\(([^)]*)\\)").matcher(stderr);
        while (changed.find()) {
            for (String item : changed.group(1).split(", ")) {
                Matcher values = Pattern.compile("(?:size|modified) (\\S+) -> (\\S+)").matcher(item);
                assertTrue(values.find() && !values.group(1).equals(values.group(2)), "a value that differs: " + item);
            }
        }
    }

    /** Runs FitMain; returns when the checkpoint object first appeared (0: never while it ran) and when fit returned. */
    private long[] fit(long pauseMillis) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.target.class=dev.ossagent.it.fixture.BaseFitTrainer+\n"
                    + "ossagent.target.method=fit,saveCheckpoint\nossagent.model.files=${model}\nossagent.data.files=\n");
            Path out = Files.createDirectories(dir.resolve("out"));
            Path storedCheckpoint = fixture.server.root().resolve(TrainerFixture.MODEL_BUCKET)
                    .resolve("models/checkpoint.bin");
            AtomicLong firstSeen = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (running.get() && firstSeen.get() == 0) {
                    if (Files.exists(storedCheckpoint)) {
                        firstSeen.set(System.currentTimeMillis());
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watcher.start();
            JvmRun.Result result;
            try {
                result = new JvmRun(JAVA, dir).jvmArgs(fixture.agentArg()).timeoutSeconds(600)
                        .launch("-cp", testClasses().toString(), FitMain.class.getName())
                        .args(out.toString(), "30", Integer.toString(2 << 20), Long.toString(pauseMillis)).run();
            } finally {
                running.set(false);
                watcher.join();
            }

            assertEquals(0, result.exitCode, result.toString());
            assertEquals(-1, Files.mismatch(out.resolve("model.bin"),
                    fixture.server.root().resolve(TrainerFixture.MODEL_BUCKET).resolve("models/model.bin")), "model");
            assertEquals(-1, Files.mismatch(out.resolve("checkpoint.bin"), storedCheckpoint), "the last checkpoint");
            Matcher returned = Pattern.compile("fit returned .* at (\\d+)").matcher(result.stdout);
            assertTrue(returned.find(), result.stdout);
            long fitReturned = Long.parseLong(returned.group(1));
            long checkpointPuts = fixture.server.requestLog().stream()
                    .filter(line -> line.startsWith("PUT /" + TrainerFixture.MODEL_BUCKET + "/models/checkpoint.bin"))
                    .count();
            System.out.println(pauseMillis + " ms apart: checkpoint PUTs: " + checkpointPuts);
            assertChangedLinesShowWhatDiffers(result.stderr);
            // Files.write truncates the checkpoint and writes it again while it may be read: a change, not an error.
            assertFalse(result.stderr.contains("cannot read"), result.stderr);
            assertFalse(result.stderr.contains("became shorter"), result.stderr);
            assertTrue(checkpointPuts >= 1, result.stderr);
            return new long[] {firstSeen.get(), fitReturned};
        }
    }
}
