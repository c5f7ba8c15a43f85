package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.it.compat.OtherAdvice;
import dev.ossagent.it.compat.OtherAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import net.bytebuddy.ByteBuddy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Another Byte Buddy based -javaagent (unshaded Byte Buddy, advice on the same train method) on the
 * same JVM, before and after the oss-agent: both work, and the trainer's output is unchanged.
 */
class OtherAgentIT {
    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private String otherAgentArg() throws Exception {
        Path byteBuddy = Paths.get(ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.copy(byteBuddy, dir.resolve("byte-buddy.jar"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), OtherAgent.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "byte-buddy.jar");
        Path jar = AgentJars.jar(dir.resolve("other-agent.jar"), manifest, OtherAgent.class, OtherAdvice.class);
        return "-javaagent:" + jar + "=dev.ossagent.demo.DemoTrainer";
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void bothAgentsWorkInEitherOrder(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            String other = otherAgentArg();
            JvmRun.Result plain = fixture.trainerWithoutAgent(java, "--epochs", "2").run();
            for (List<String> order : List.of(List.of(other, fixture.agentArg()), List.of(fixture.agentArg(), other))) {
                JvmRun.Result result = new JvmRun(java, dir).jvmArgs(order.toArray(new String[0]))
                        .launch("-jar", Artifacts.trainerJar().toString())
                        .args("--data-dir", dir.toString(), "--epochs", "2").run();

                assertEquals(0, result.exitCode, result.toString());
                assertEquals(plain.stdout, result.stdout, order.toString());
                String model = dir.resolve("models/rssm_model.pt").toString();
                assertEquals(1, result.stderr.lines().filter(line -> line.equals("[other-agent] train returned " + model))
                        .count(), result.stderr);
                assertTrue(result.stderr.contains("[oss-agent] instrumented dev.ossagent.demo.DemoTrainer#train"), result.stderr);
                assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                        fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"));
                assertTrue(result.stderr.contains("hktech-agent-models/models/rssm_model.pt"), result.stderr);
            }
        }
    }
}
