package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent attached to a running JVM (agentmain, through the JDK's attach API) whose {@code Name+} targets, a
 * base class with its subclasses and an interface with its implementation, are already loaded: they are
 * retransformed, and each later save uploads once. Saves made before the attach upload nothing.
 */
class LateAttachIT {
    private static final String SHAPES = "dev.ossagent.mltrainers.shapes.";
    private static final List<String> SAVED_AFTER = List.of("after-overriding.bin", "after-inheriting.bin",
            "after-exported.bin");

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void alreadyLoadedSubclassesAndImplementationsAreWatchedAfterALateAttach(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.target.class=" + SHAPES + "BaseTrainer+," + SHAPES + "Exporter+"
                    + "\nossagent.target.method=save,export\nossagent.model.files=${model}\nossagent.data.files=\n");
            Path out = Files.createDirectories(dir.resolve("out"));
            JvmRun.Started trainer = new JvmRun(java, dir).timeoutSeconds(180)
                    .launch("-cp", MlTrainers.jarOnly(), SHAPES + "LateAttachMain").args(out.toString()).start();
            String pid = awaitReady(out.resolve("ready"), trainer);

            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                vm.loadAgent(Artifacts.agentJar().toString(), fixture.settingsFile.toString());
            } finally {
                vm.detach();
            }
            Files.createFile(out.resolve("go"));
            JvmRun.Result result = trainer.await();

            assertEquals(0, result.exitCode, result.toString());
            assertEquals("done\n", result.stdout);
            for (String name : SAVED_AFTER) {
                assertEquals(TrainerFixture.sha256(out.resolve(name)),
                        fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/" + name), name);
                assertEquals(1, puts(fixture, "models/" + name), name + " uploaded once\n" + result.stderr);
            }
            assertEquals(0, puts(fixture, "models/before-"), result.stderr);
            List<String> lines = Unchanged.agentLines(result.stderr);
            for (String woven : List.of("BaseTrainer#save (1 method)", "OverridingTrainer#save (2 methods)",
                    "InheritingTrainer#save (1 method)", "FileExporter#export (1 method)")) {
                assertTrue(lines.contains("instrumented " + SHAPES + woven), woven + "\n" + result.stderr);
            }
            assertEquals(List.of(), Unchanged.problems(result.stderr), result.stderr);
        }
    }

    /** The pid the trainer wrote once its first saves were made (its classes loaded). */
    private static String awaitReady(Path ready, JvmRun.Started trainer) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(ready)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the trainer did not get ready: " + trainer.kill());
            }
            Thread.sleep(20);
        }
        return Files.readString(ready, StandardCharsets.UTF_8).trim();
    }

    private static long puts(TrainerFixture fixture, String keyPrefix) {
        return fixture.server.requestLog().stream()
                .filter(line -> line.startsWith("PUT /" + TrainerFixture.MODEL_BUCKET + "/" + keyPrefix)).count();
    }
}
