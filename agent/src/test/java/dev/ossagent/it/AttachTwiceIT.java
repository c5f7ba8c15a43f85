package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * -javaagent given twice (as happens with JAVA_TOOL_OPTIONS plus a launch script): the second is a
 * no-op with one line saying so, whether it names the same jar or a copy elsewhere.
 */
class AttachTwiceIT {
    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theSecondAttachIsIgnoredWithOneLineAndEachFileIsUploadedOnce(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path copy = Files.copy(Artifacts.agentJar(), dir.resolve("copy-of-oss-agent.jar"));
            JvmRun.Result plain = fixture.trainerWithoutAgent(java, "--epochs", "2").run();
            List<String> seconds = List.of(fixture.agentArg(),
                    // A copy, and a settings file that does not exist: it is not even read.
                    "-javaagent:" + copy + "=" + dir.resolve("not-there.properties"));
            for (String second : seconds) {
                JvmRun.Result result = fixture.trainer(java, "--epochs", "2").jvmArgs(second).run();

                assertEquals(0, result.exitCode, result.toString());
                assertEquals(plain.stdout, result.stdout);
                assertEquals(1, count(result.stderr, "[oss-agent] already attached; this second -javaagent is ignored"),
                        result.stderr);
                assertEquals(1, count(result.stderr, "[oss-agent] instrumented dev.ossagent.demo.DemoTrainer#train"),
                        result.stderr);
                assertEquals(0, count(result.stderr, "not-there.properties"), result.stderr);
                // Uploaded by the first run, found unchanged by the second: either way one line, not two.
                assertEquals(1, count(result.stderr, "hktech-agent-models/models/rssm_model.pt"), result.stderr);
                assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                        fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"));
            }
        }
    }

    private static long count(String output, String text) {
        return output.lines().filter(line -> line.contains(text)).count();
    }
}
