package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code test} says whether the state dir can be used; {@code resume} refuses one that cannot. */
class StateDirCliTest {
    @TempDir
    Path dir;

    @Test
    void testReportsAStateDirOthersMayWrite() throws Exception {
        try (CliFixture cli = new CliFixture(dir)) {
            Path state = Files.createDirectories(dir.resolve("state"));
            cli.settings.put("ossagent.state.dir", state.toString());
            CliFixture.Run fine = cli.cli("test");
            assertTrue(fine.out.contains("state dir:   " + state + " (yours alone"), fine.toString());

            Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
            CliFixture.Run run = cli.cli("test");

            assertEquals(0, run.code, "uploads still work: " + run);
            assertTrue(run.out.contains("state dir:   not usable; uploads still work, but a crash or exit timeout could"
                    + " not be resumed"), run.toString());
            assertTrue(run.err.contains("the state dir " + state + " is not used: it is writable by other users"),
                    run.toString());
        }
    }

    @Test
    void testReportsAStateDirInAFolderOthersMayWrite() throws Exception {
        try (CliFixture cli = new CliFixture(dir)) {
            Path shared = Files.createDirectories(dir.resolve("team-scratch"));
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path state = shared.resolve("state");
            cli.settings.put("ossagent.state.dir", state.toString());

            CliFixture.Run run = cli.cli("test");

            assertEquals(0, run.code, "uploads still work: " + run);
            assertTrue(run.out.contains("state dir:   not usable"), run.toString());
            assertTrue(run.err.contains("the state dir " + state + " is not used: the folder " + shared.toRealPath()
                    + " is writable by other users (0777, not sticky)"), run.toString());
        }
    }
}
