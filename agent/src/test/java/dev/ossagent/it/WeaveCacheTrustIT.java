package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state dir in a team folder another Unix user can write (no sticky bit) is not the trainer's alone: that
 * user could rename it away and put their own in its place, holding a weave cache entry the trainer's JVM
 * would run. So it holds no journal and no cache (one line naming the folder), and the second user's swap
 * finds nothing to plant into. The second user is made here with useradd; the agent runs as root.
 */
class WeaveCacheTrustIT {
    private static final String MALLORY = "ossagent-mallory";

    @TempDir
    Path dir;

    @BeforeAll
    static void secondUser() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a second Unix user");
        if (run("id", "-u", MALLORY) != 0) {
            assertEquals(0, run("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", MALLORY));
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return process.exitValue();
    }

    private static int asMallory(String script) throws Exception {
        return run("setpriv", "--reuid=" + MALLORY, "--regid=" + MALLORY, "--init-groups", "sh", "-c", script);
    }

    private List<Path> cacheFiles() throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(path -> path.getFileName().toString().endsWith(".weave")
                    || path.getFileName().toString().equals("weave.key")).toList();
        }
    }

    @Test
    void aStateDirInAFolderAnotherUserCanWriteHoldsNoCacheAndTheirSwapRunsNothing() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path team = Files.createDirectories(dir.resolve("team"));
            Files.setPosixFilePermissions(team, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path state = team.resolve("state");
            Path java = Jdks.all().get(0);

            JvmRun.Result first = fixture.trainer(java).jvmArgs("-Dossagent.state.dir=" + state).run();

            assertEquals(0, first.exitCode, first.toString());
            assertTrue(first.stderr.contains("the state dir " + state + " is not used: the folder " + team.toRealPath()
                    + " is writable by other users (0777, not sticky), so another user could swap the state dir"),
                    first.stderr);
            assertEquals(List.of(), cacheFiles(), "no key and no entry in a state dir that is not the user's alone");
            assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"), "uploads still work");

            // The second user swaps the folder for one of theirs, with a planted entry and key.
            assertEquals(0, asMallory("mv " + state + " " + team.resolve("old") + " && mkdir -p " + state.resolve("weave")
                    + " && head -c 32 /dev/urandom > " + state.resolve("weave.key") + " && echo planted > "
                    + state.resolve("weave/planted.weave")));

            JvmRun.Result second = fixture.trainer(java).jvmArgs("-Dossagent.state.dir=" + state).run();

            assertEquals(0, second.exitCode, second.toString());
            assertTrue(second.stderr.contains("instrumented dev.ossagent.demo.DemoTrainer#train (1 method)"),
                    second.stderr);
            assertFalse(second.stderr.contains("earlier run"), "nothing from the cache: " + second.stderr);
            assertTrue(second.stderr.contains("the state dir " + state + " is not used: it is owned by " + MALLORY),
                    second.stderr);
            assertEquals(List.of(state.resolve("weave.key"), state.resolve("weave/planted.weave")),
                    cacheFiles().stream().sorted().toList(), "only what the second user planted, unread");
        }
    }
}
