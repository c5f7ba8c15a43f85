package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Presets with the real libraries: each trainer trains for real under the agent with nothing but
 * {@code ossagent.preset} naming its library, and the stored bytes equal the saved files.
 */
class PresetsIT {
    private static final String TRAINERS = "dev.ossagent.mltrainers.";

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    /** Spark 3.5's Hadoop client calls Subject.getSubject, which JDK 23 and later refuse: JDK 17 only. */
    static List<Path> jdk17() {
        return Jdks.all().subList(0, 1);
    }

    /** Only the preset names a target: the fixture's trainer class is cleared. */
    private static void preset(TrainerFixture fixture, String preset) throws Exception {
        fixture.writeSettings("ossagent.target.class=\nossagent.preset=" + preset
                + "\nossagent.model.files=${model}\nossagent.data.files=\n");
    }

    private JvmRun.Result train(TrainerFixture fixture, Path java, List<String> jvmArgs, String main, Path model)
            throws Exception {
        return train(fixture, java, jvmArgs, "ml-trainers", main, model);
    }

    /** {@code main} (a class name under dev.ossagent.mltrainers.) from the module's jar, with its libraries. */
    private JvmRun.Result train(TrainerFixture fixture, Path java, List<String> jvmArgs, String module, String main,
                                Path model) throws Exception {
        List<String> args = new ArrayList<>(jvmArgs);
        args.add(fixture.agentArg());
        JvmRun.Result result = new JvmRun(java, dir).jvmArgs(args.toArray(new String[0])).timeoutSeconds(300)
                .launch("-cp", MlTrainers.withLibraries(module), TRAINERS + main).args(model.toString()).run();
        assertEquals(0, result.exitCode, result.toString());
        return result;
    }

    private static long puts(TrainerFixture fixture, String key) {
        return fixture.server.requestLog().stream()
                .filter(line -> line.startsWith("PUT /" + TrainerFixture.MODEL_BUCKET + "/" + key)).count();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void xgboost4jBoosterSaveModel(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            preset(fixture, "xgboost4j");
            Path model = dir.resolve("xgb-model.json");
            JvmRun.Result result = train(fixture, java, List.of(), "XgboostTrainer", model);
            assertTrue(result.stdout.contains("trained 20 rounds"), result.stdout);
            assertTrue(Files.size(model) > 1000, "a real model");
            assertEquals(TrainerFixture.sha256(model),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/xgb-model.json"));
            assertEquals(1, puts(fixture, "models/xgb-model.json"), result.stderr);
            List<String> lines = Unchanged.agentLines(result.stderr);
            for (String overload : List.of("(java.io.OutputStream)", "(java.io.OutputStream, java.lang.String)")) {
                String note = "ml.dmlc.xgboost4j.java.Booster#saveModel" + overload
                        + " writes to a java.io.OutputStream, not to a path; not watched";
                assertEquals(1, lines.stream().filter(note::equals).count(), note + "\n" + result.stderr);
            }
            assertEquals(List.of(), Unchanged.problems(result.stderr), result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void tribuoModelSerializeToFile(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            preset(fixture, "tribuo");
            Path model = dir.resolve("tribuo-model.bin");
            JvmRun.Result result = train(fixture, java, List.of(), "TribuoTrainer", model);
            assertEquals(TrainerFixture.sha256(model),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/tribuo-model.bin"));
            assertEquals(List.of(), Unchanged.problems(result.stderr), result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void smileWriteObjectWithAPath(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            preset(fixture, "smile");
            Path model = dir.resolve("smile-tree.bin");
            JvmRun.Result result = train(fixture, java, List.of(), "SmileTrainer", model);
            assertTrue(result.stdout.contains("trained a tree of"), result.stdout);
            assertEquals(TrainerFixture.sha256(model),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/smile-tree.bin"));
            assertEquals(1, puts(fixture, "models/smile-tree.bin"), result.stderr);
            List<String> lines = Unchanged.agentLines(result.stderr);
            assertTrue(lines.contains("instrumented smile.io.Write#object (1 method)"), result.stderr);
            // Write.object(obj) is not watched itself, but it saves to a temporary file of its own choosing through
            // the watched object(obj, Path): that file is uploaded too (before the JVM deletes it at exit).
            assertTrue(lines.contains("smile.io.Write#object(java.io.Serializable) has no parameter 2"
                    + " (ossagent.target.path=arg2); not watched"), result.stderr);
            assertEquals(1, puts(fixture, "models/smile-test-"), result.stderr);
            assertEquals(List.of(), Unchanged.problems(result.stderr), result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void dl4jModelSerializerWriteModel(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            preset(fixture, "dl4j");
            Path model = dir.resolve("dl4j-xor.zip");
            JvmRun.Result result = train(fixture, java, List.of(), "ml-trainers-dl4j", "dl4j.Dl4jTrainer", model);
            assertTrue(result.stdout.contains("trained XOR to a loss of under 0.01"), result.stdout);
            assertEquals(TrainerFixture.sha256(model),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/dl4j-xor.zip"));
            // MultiLayerNetwork#save -> writeModel(File) -> writeModel(OutputStream): one upload, by the outermost.
            assertEquals(1, puts(fixture, "models/dl4j-xor.zip"), result.stderr);
            List<String> lines = Unchanged.agentLines(result.stderr);
            assertTrue(lines.contains("instrumented org.deeplearning4j.util.ModelSerializer#writeModel (3 methods)"),
                    result.stderr);
            assertEquals(List.of(), Unchanged.problems(result.stderr), result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void djlModelSaveUploadsTheModelFolder(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            preset(fixture, "djl");
            Path model = dir.resolve("djl-model");
            // The engine comes from the class path; offline, DJL never tries to download one.
            JvmRun.Result result = train(fixture, java, List.of("-Dai.djl.offline=true"), "ml-trainers-djl",
                    "djl.DjlTrainer", model);
            assertTrue(result.stdout.contains("trained on PyTorch"), result.stdout);
            Path params = model.resolve("linear-0000.params");
            assertEquals(TrainerFixture.sha256(params),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/djl-model/linear-0000.params"));
            assertEquals(1, puts(fixture, "models/djl-model/"), result.stderr);
            // Woven where the body is: BaseModel, which the engine's PtModel extends; the interface is skipped.
            assertTrue(Unchanged.agentLines(result.stderr).contains("instrumented ai.djl.BaseModel#save (1 method)"),
                    result.stderr);
            assertEquals(List.of(), Unchanged.problems(result.stderr), result.stderr);
        }
    }

    @ParameterizedTest
    @MethodSource("jdk17")
    void sparkMlWriterSaveOnTheDriverUploadsTheModelFolder(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            preset(fixture, "spark-ml");
            Path model = dir.resolve("spark-model");
            List<String> opens = MlTrainers.SPARK_OPENS.stream().map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
                    .collect(Collectors.toList());
            JvmRun.Result result = train(fixture, java, opens, "SparkTrainer", model);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(model)) {
                files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
            }
            assertTrue(files.stream().anyMatch(file -> file.toString().contains("metadata")), files.toString());
            for (Path file : files) {
                String key = "models/spark-model/" + model.relativize(file);
                assertEquals(TrainerFixture.sha256(file), fixture.storedSha256(TrainerFixture.MODEL_BUCKET, key), key);
            }
            assertEquals(List.of(), Unchanged.problems(result.stderr), result.stderr);
        }
    }
}
