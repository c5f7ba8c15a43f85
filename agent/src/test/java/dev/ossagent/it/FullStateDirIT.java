package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state dir on a full 64 KiB tmpfs: the journal cannot take the plan, so no line may promise {@code resume}
 * or a journal that keeps the files; each says what a kill or the exit timeout loses and prints the {@code upload}
 * command that sends it by hand, and that command, run as printed, stores every file at the agent's own key.
 */
class FullStateDirIT {
    private static final Pattern BY_HAND = Pattern.compile("send them by hand with: (java -jar [^\\n;]*)");

    @TempDir
    Path dir;
    private Path mount;

    @BeforeEach
    void fullTmpfs() throws Exception {
        mount = dir.resolve("fs");
        Files.createDirectories(mount);
        Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs",
                mount.toString()).redirectErrorStream(true).start();
        boolean mounted = process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        String why = new String(process.getInputStream().readAllBytes());
        if (!mounted) {
            System.out.println("FullStateDirIT skipped: cannot mount a tmpfs here (" + why.trim() + ")");
            mount = null;
        }
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs: " + why);
        Path state = Files.createDirectory(mount.resolve("state"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (OutputStream filler = Files.newOutputStream(mount.resolve("filler"))) {
            byte[] block = new byte[1024];
            for (int i = 0; i < 1024; i++) {
                filler.write(block);
                filler.flush();
            }
            throw new AssertionError("a 64 KiB tmpfs took 1 MiB");
        } catch (IOException full) {
            // the disk is full, as intended
        }
        assertTrue(Files.isDirectory(state));
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void theExitLinesSayWhatAKillWouldLoseAndTheUploadCommandThatSendsIt() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.state.dir=" + mount.resolve("state") + "\nossagent.exit.timeout=2s");
            fixture.server.faults().delayMillis(5_000);

            JvmRun.Result result = fixture.trainer(Jdks.all().get(0)).run();

            assertEquals(0, result.exitCode, result.toString());
            String err = result.stderr;
            assertTrue(err.contains("could not write the upload journal"), err);
            assertFalse(err.contains("kill -9 is safe"), err);
            assertFalse(err.contains("finishes the rest"), err);
            assertFalse(err.contains("keeps them"), err);
            assertTrue(err.contains("to finish uploading before exit; a kill now loses 3 file(s) of "), err);
            assertTrue(err.contains("not uploaded; 3 file(s) of "), err);
            Matcher command = BY_HAND.matcher(err);
            assertTrue(command.find(), err);
            String upload = command.group(1).trim();
            assertEquals("java -jar " + Artifacts.agentJar() + " upload --config " + fixture.settingsFile
                    + " -Dossagent.model.prefix=models/ -Dossagent.data.prefix=training-data/ --model "
                    + dir.resolve("models/rssm_model.pt") + " " + dir.resolve("models/scaler.pkl") + " --data "
                    + dir.resolve("training_episodes.json"), upload);

            // The command as printed sends every file to the object the agent would have written.
            fixture.server.faults().clear();
            Process byHand = new ProcessBuilder("sh", "-c", upload.replaceFirst("^java ",
                    Jdks.all().get(0).toString().replace("'", "") + " "))
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(byHand.getInputStream().readAllBytes());
            assertTrue(byHand.waitFor(120, TimeUnit.SECONDS), output);
            assertEquals(0, byHand.exitValue(), output);
            assertEquals(List.of("models/rssm_model.pt", "models/scaler.pkl"),
                    fixture.storedKeys(TrainerFixture.MODEL_BUCKET));
            assertEquals(List.of("training-data/training_episodes.json"),
                    fixture.storedKeys(TrainerFixture.DATA_BUCKET));
            assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"));
        }
    }
}
