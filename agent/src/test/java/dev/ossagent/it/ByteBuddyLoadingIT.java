package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte Buddy is loaded only by a JVM that loads a target class (or has one on its class path, for the
 * warm-up): not when the agent is disabled, not when the target class is nowhere, as the JVM's own
 * {@code -Xlog:class+load} says. And it is loaded when the target loads, so the log is read right.
 */
class ByteBuddyLoadingIT {
    private static final String BYTE_BUDDY = " dev.ossagent.shaded.net.bytebuddy.";

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    /** The Byte Buddy classes a --noop run of the demo trainer loaded, with these JVM options before the agent. */
    private List<String> byteBuddyLoaded(Path java, TrainerFixture fixture, String expectedInStderr, String... jvmArgs)
            throws Exception {
        Path log = Files.createTempFile(dir, "class-load", ".log");
        JvmRun.Result result = new JvmRun(java, dir).jvmArgs("-Xlog:class+load=info:file=" + log).jvmArgs(jvmArgs)
                .jvmArgs(fixture.agentArg()).launch("-jar", Artifacts.trainerJar().toString())
                .args("--data-dir", dir.toString(), "--noop").run();
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stderr.contains(expectedInStderr), result.stderr);
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(line -> line.contains(" dev.ossagent.OssAgent ")), "no class+load log?");
        return lines.stream().filter(line -> line.contains(BYTE_BUDDY)).collect(Collectors.toList());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void noByteBuddyClassLoadsWhenDisabledOrWhenNoTargetClassIsThere(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            assertEquals(List.of(), byteBuddyLoaded(java, fixture, "disabled (ossagent.enabled=false)",
                    "-Dossagent.enabled=false"));
            assertEquals(List.of(), byteBuddyLoaded(java, fixture, "enabled, watching com.example.NeverLoaded#train",
                    "-Dossagent.target.class=com.example.NeverLoaded"));
            assertFalse(byteBuddyLoaded(java, fixture, "instrumented dev.ossagent.demo.DemoTrainer#train").isEmpty());
        }
    }

    /**
     * The weave cache: a second run of the same trainer with the same state dir gets its class as the first run
     * wove it, loads no Byte Buddy class at all, and still uploads what it trains, byte for byte.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aSecondRunWithTheSameStateDirLoadsNoByteBuddyAndStillUploads(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            List<String> first = byteBuddyLoaded(java, fixture, "instrumented dev.ossagent.demo.DemoTrainer#train (1 method)\n");
            assertFalse(first.isEmpty());
            Path log = Files.createTempFile(dir, "class-load", ".log");
            JvmRun.Result second = fixture.trainer(java, "--epochs", "2")
                    .jvmArgs("-Xlog:class+load=info:file=" + log).run();
            assertEquals(0, second.exitCode, second.toString());
            assertTrue(second.stderr.contains("instrumented dev.ossagent.demo.DemoTrainer#train (1 method), as woven by an"
                    + " earlier run (weave cache in the state dir)"), second.stderr);
            assertEquals(List.of(), Files.readAllLines(log).stream().filter(line -> line.contains(BYTE_BUDDY))
                    .collect(Collectors.toList()));
            assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"));
        }
    }
}
