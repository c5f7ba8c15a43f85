package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Save methods of every shape, in real JVMs under the agent, against local-oss: the path comes from a parameter,
 * classes match by their supertypes ({@code Name+}), checkpoints coalesce, and a save that throws uploads nothing.
 * The fixtures live in the ml-trainers jar (a library jar of its own); see {@code ShapesMain}.
 */
class SaveMethodsIT {
    private static final String SHAPES = "dev.ossagent.mltrainers.shapes.";

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private static void settings(TrainerFixture fixture, String targetClass, String method, String extra) throws Exception {
        fixture.writeSettings("ossagent.target.class=" + targetClass + "\nossagent.target.method=" + method
                + "\nossagent.model.files=${model}\nossagent.data.files=\n" + extra);
    }

    /** ShapesMain with and without the agent: the trainer cannot tell the difference. */
    private JvmRun.Result shapes(TrainerFixture fixture, Path java, String... args) throws Exception {
        JvmRun.Result result = Unchanged.trainer(shapesRun(java, null, args), shapesRun(java, fixture, args));
        assertEquals(0, result.exitCode, result.toString());
        return result;
    }

    /** ShapesMain (under the agent unless the fixture is null) writing into dir/out. */
    private JvmRun shapesRun(Path java, TrainerFixture fixture, String... args) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, out.toString());
        JvmRun run = new JvmRun(java, dir);
        if (fixture != null) {
            run.jvmArgs(fixture.agentArg());
        }
        return run.launch("-cp", MlTrainers.jarOnly(), SHAPES + "ShapesMain").args(all.toArray(new String[0]));
    }

    private static long puts(TrainerFixture fixture, String key) {
        return fixture.server.requestLog().stream()
                .filter(line -> line.startsWith("PUT /" + TrainerFixture.MODEL_BUCKET + "/" + key)).count();
    }

    private void assertStored(TrainerFixture fixture, String name) throws Exception {
        assertEquals(TrainerFixture.sha256(dir.resolve("out").resolve(name)),
                fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/" + name), name);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aVoidSaveOfAPathUploadsThePathItWasGiven(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            settings(fixture, SHAPES + "CheckpointWriter", "checkpoint", "");
            JvmRun.Result result = shapesRun(java, fixture, "checkpoints", "1", "4096", "0").run();
            assertEquals(0, result.exitCode, result.toString());
            assertStored(fixture, "checkpoint.bin");
            assertEquals(List.of(), Unchanged.problems(result.stderr), result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aSaveOfAStringOnALibraryClassInItsOwnJar(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            settings(fixture, SHAPES + "ModelStore", "save", "");
            JvmRun.Result result = shapes(fixture, java, "library");
            assertStored(fixture, "store.bin");
            assertEquals(1, puts(fixture, "models/store.bin"));
            assertEquals(List.of(), Unchanged.problems(result.stderr), result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aBaseClassWithPlusWatchesSubclassesThatOverrideAndThatInherit(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            settings(fixture, SHAPES + "BaseTrainer+", "save", "");
            JvmRun.Result result = shapes(fixture, java, "subclasses");
            for (String name : List.of("overriding.bin", "overriding-file.bin", "inheriting.bin", "inheriting-file.bin")) {
                assertStored(fixture, name);
                assertEquals(1, puts(fixture, "models/" + name), name + " uploaded once\n" + result.stderr);
            }
            // The abstract save(File) of the base class is skipped without a word; the inherited body is woven
            // once, in the base class, where it is declared.
            List<String> lines = Unchanged.agentLines(result.stderr);
            assertTrue(lines.contains("instrumented " + SHAPES + "BaseTrainer#save (1 method)"), result.stderr);
            assertTrue(lines.contains("instrumented " + SHAPES + "OverridingTrainer#save (2 methods)"), result.stderr);
            assertTrue(lines.contains("instrumented " + SHAPES + "InheritingTrainer#save (1 method)"), result.stderr);
            assertEquals(List.of(), Unchanged.problems(result.stderr), result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void anInterfaceWithPlusWatchesItsImplementations(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            settings(fixture, SHAPES + "Exporter+", "export", "");
            JvmRun.Result result = shapes(fixture, java, "interface");
            assertStored(fixture, "exported.bin");
            assertTrue(Unchanged.agentLines(result.stderr).contains("instrumented " + SHAPES + "FileExporter#export (1 method)"),
                    result.stderr);
            assertFalse(result.stderr.contains("Exporter declares no"), result.stderr);
            assertEquals(List.of(), Unchanged.problems(result.stderr), result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aSaveThatThrowsUploadsNothing(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            settings(fixture, SHAPES + "FailingSaver", "save", "");
            JvmRun.Result result = shapes(fixture, java, "throws");
            assertTrue(result.stdout.contains("save failed: disk full (simulated)"), result.stdout);
            assertTrue(Files.exists(dir.resolve("out/failed.bin")));
            assertEquals(0, fixture.server.requestCount(), fixture.server.requestLog().toString());
            assertTrue(Unchanged.agentLines(result.stderr).contains("instrumented " + SHAPES + "FailingSaver#save (1 method)"),
                    result.stderr);
        }
    }

    /**
     * 30 checkpoints of 256 KiB, one every 20 ms, to one file, against a server that takes 300 ms per request:
     * the last one arrives byte for byte, after far fewer uploads than saves, and the heap stays flat.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void checkpointsFasterThanTheServerCoalesceAndTheLastOneArrives(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            settings(fixture, SHAPES + "CheckpointWriter", "checkpoint", "");
            fixture.server.faults().delayMillis(300);
            // Not compared with a run without the agent: the heap figures and the clock differ from run to run.
            JvmRun.Result result = shapesRun(java, fixture, "checkpoints", "30", String.valueOf(256 * 1024), "20").run();
            long exitedAt = System.currentTimeMillis();
            assertEquals(0, result.exitCode, result.toString());
            fixture.server.faults().delayMillis(0);
            assertStored(fixture, "checkpoint.bin");
            long uploads = puts(fixture, "models/checkpoint.bin");
            assertTrue(uploads >= 1 && uploads <= 10, uploads + " uploads of 30 saves\n" + result.stderr);
            Matcher heap = Pattern.compile("heap after 3 saves: (\\d+)\nheap after 30 saves: (\\d+)").matcher(result.stdout);
            assertTrue(heap.find(), result.stdout);
            long growth = Long.parseLong(heap.group(2)) - Long.parseLong(heap.group(1));
            assertTrue(growth < 8L * 1024 * 1024, "heap grew by " + growth + " bytes\n" + result.stdout);
            Matcher last = Pattern.compile("last save returned at (\\d+)").matcher(result.stdout);
            assertTrue(last.find(), result.stdout);
            // For the note (not asserted: no timed tests).
            System.out.println("[measure] " + java + ": 30 checkpoints, " + uploads + " uploads, "
                    + (exitedAt - Long.parseLong(last.group(1))) + " ms from the last save to exit");
            // The trainer rewrites the file while it is planned and sent: saying so is required (issue 10, point 4);
            // nothing else may warn.
            List<String> problems = new ArrayList<>(Unchanged.problems(result.stderr));
            problems.removeIf(line -> line.contains("checkpoint.bin changed since it was planned")
                    || line.contains("checkpoint.bin changed while it was being uploaded"));
            assertEquals(List.of(), problems, result.stderr);
        }
    }
}
