package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.it.compat.ExitCheckMain;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After the last upload nothing of the agent keeps the JVM alive: the trainer's main returns, the
 * process ends by itself, and the threads alive at that point are exactly those of a run without
 * the agent (no oss-agent thread, no SDK thread, no extra non-daemon thread).
 */
class ExitThreadsIT {
    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void whenMainReturnsOnlyTheThreadsOfAPlainRunAreLeft(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            String classPath = CompatLibs.classPath(List.of(CompatLibs.testClasses(), Artifacts.trainerJar()));
            JvmRun plainRun = new JvmRun(java, dir).launch("-cp", classPath, ExitCheckMain.class.getName())
                    .args("--data-dir", dir.toString(), "--epochs", "2");
            JvmRun.Result plain = plainRun.run();
            JvmRun.Result result = new JvmRun(java, dir).jvmArgs(fixture.agentArg())
                    .launch("-cp", classPath, ExitCheckMain.class.getName())
                    .args("--data-dir", dir.toString(), "--epochs", "2").run();

            // run() returned: the JVM ended on its own once main returned.
            assertEquals(0, result.exitCode, result.toString());
            assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"));
            assertTrue(result.stdout.contains("thread: user main"), result.stdout);
            assertFalse(result.stdout.contains("oss-agent"), result.stdout);
            assertEquals(threads(plain.stdout), threads(result.stdout));
        }
    }

    private static List<String> threads(String stdout) {
        return stdout.lines().filter(line -> line.startsWith("thread: ")).toList();
    }
}
