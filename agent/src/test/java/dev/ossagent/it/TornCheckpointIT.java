package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.it.fixture.SaveLoopMain;
import dev.ossagent.it.fixture.StampedSaves;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint saved to one path faster than it uploads (issue 21, point 0), in a real JVM under the agent against
 * a bandwidth-capped local-oss: while it runs, every version of the object in OSS is one whole save, never a mix.
 */
class TornCheckpointIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");
    private static final int MIB = 24;

    @TempDir
    Path dir;

    private static Path testClasses() throws Exception {
        return Paths.get(SaveLoopMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private JvmRun.Result saveLoop(TrainerFixture fixture, String mode, String method) throws Exception {
        fixture.writeSettings("ossagent.target.class=dev.ossagent.it.fixture.StampedSaves\nossagent.target.method="
                + method + "\nossagent.model.files=${model}\nossagent.data.files=\nossagent.multipart.threshold=1MiB\n"
                + "ossagent.multipart.part-size=1MiB\nossagent.multipart.threads=4\n");
        // 12 MB/s: a 24 MiB save takes about 2 s to upload and is saved again every 0.4 s.
        fixture.server.maxBandwidth(12_000_000);
        Path out = Files.createDirectories(dir.resolve("out"));
        return new JvmRun(JAVA, dir).jvmArgs(fixture.agentArg()).timeoutSeconds(600)
                .launch("-cp", testClasses().toString(), SaveLoopMain.class.getName())
                .args(mode, out.toString(), "12", Integer.toString(MIB), "400").run();
    }

    /** Runs the save loop while a thread reads every version of the stored object; returns the mixed ones seen. */
    private Set<String> tornWhile(TrainerFixture fixture, String mode, String method, JvmRun.Result[] result)
            throws Exception {
        Path stored = fixture.server.root().resolve(TrainerFixture.MODEL_BUCKET).resolve("models/latest.bin");
        Set<String> torn = new TreeSet<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                try {
                    if (Files.exists(stored)) {
                        Set<Integer> stamps = StampedSaves.stamps(stored);
                        if (stamps.size() > 1) {
                            torn.add(stamps.toString());
                        }
                    }
                    Thread.sleep(20);
                } catch (IOException | InterruptedException e) {
                    // replaced while read: look again
                }
            }
        });
        watcher.start();
        try {
            result[0] = saveLoop(fixture, mode, method);
        } finally {
            running.set(false);
            watcher.join();
        }
        synchronized (torn) {
            return new TreeSet<>(torn);
        }
    }

    @Test
    void aRenameWriterFasterThanTheLinkNeverTearsTheObjectAndTheLastSaveArrives() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result[] result = new JvmRun.Result[1];
            Set<String> torn = tornWhile(fixture, "rename", "saveByRename", result);

            assertEquals(0, result[0].exitCode, result[0].toString());
            assertEquals(Set.of(), torn, "objects made of several saves were stored: " + result[0].stderr);
            Path stored = fixture.server.root().resolve(TrainerFixture.MODEL_BUCKET).resolve("models/latest.bin");
            assertEquals(-1, Files.mismatch(dir.resolve("out/latest.bin"), stored), "the last save arrived whole");
            assertFalse(result[0].stderr.contains("kept changing"), result[0].stderr);
            assertFalse(result[0].stderr.contains("ERROR"), result[0].stderr);
            assertTrue(result[0].stderr.contains("a newer save replaced"), result[0].stderr);
        }
    }

    @Test
    void anInPlaceWriterNeverGetsATornObjectStoredAndTheLastSaveArrives() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result[] result = new JvmRun.Result[1];
            Set<String> torn = tornWhile(fixture, "inplace", "saveInPlace", result);

            assertEquals(Set.of(), torn, "objects made of several saves were stored: " + result[0].stderr);
            Path stored = fixture.server.root().resolve(TrainerFixture.MODEL_BUCKET).resolve("models/latest.bin");
            assertEquals(-1, Files.mismatch(dir.resolve("out/latest.bin"), stored), "the last save arrived whole");
            assertTrue(result[0].stderr.contains("that upload was abandoned"), result[0].stderr);
        }
    }
}
