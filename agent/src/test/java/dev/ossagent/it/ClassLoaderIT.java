package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.it.compat.LoaderLaunchMain;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trainer class defined by a child-first loader (its jar also on the application class path),
 * and by a loader whose parent is the platform loader (it sees nothing of the agent): the upload
 * happens and the context class loader the trainer set is the one it still has after train.
 */
class ClassLoaderIT {
    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private JvmRun launcher(Path java, String kind) {
        String classPath = CompatLibs.classPath(List.of(CompatLibs.testClasses(), Artifacts.trainerJar()));
        return new JvmRun(java, dir).launch("-cp", classPath, LoaderLaunchMain.class.getName())
                .args(kind, Artifacts.trainerJar().toString(), "dev.ossagent.demo.DemoTrainerMain",
                        "--data-dir", dir.toString(), "--epochs", "2");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void childFirstAndPlatformParentLoadersBothUploadAndKeepTheContextLoader(Path java) throws Exception {
        for (String kind : List.of("child-first", "platform-parent")) {
            try (TrainerFixture fixture = new TrainerFixture(dir.resolve(kind))) {
                JvmRun.Result plain = launcher(java, kind).run();
                JvmRun.Result result = launcher(java, kind).jvmArgs(fixture.agentArg()).run();

                assertEquals(0, result.exitCode, result.toString());
                assertEquals(plain.stdout, result.stdout);
                assertTrue(result.stdout.contains("launcher: trainer ran in a " + kind
                        + " loader; context class loader unchanged"), result.stdout);
                assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                        fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"), kind);
            }
        }
    }
}
