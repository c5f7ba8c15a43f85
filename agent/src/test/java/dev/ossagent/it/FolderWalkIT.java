package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.it.fixture.OddTrainerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A folder the trainer returns, in a real JVM against local-oss: credentials in it are never sent, links never
 * lead the walk out of it, and a file name with control characters cannot forge or colour the agent's lines.
 * The trainer runs in {@code dir/train}, which holds the settings file and AccessKey.csv in use.
 */
class FolderWalkIT {
    private static final String BUCKET = TrainerFixture.MODEL_BUCKET;

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    /** dir/train with the fixture's settings (plus a made-up secret of the settings file tier) and its CSV. */
    private Path trainFolder(TrainerFixture fixture) throws Exception {
        fixture.writeSettings("ossagent.target.class=dev.ossagent.it.fixture.OddTrainer\nossagent.target.method=trainPath"
                + "\nossagent.model.files=${model}\nossagent.data.files=\naccess_key_id=" + SecretWatch.KEY_ID
                + "\naccess_key_secret=" + SecretWatch.WRONG_SECRET + "\n");
        Path train = Files.createDirectories(dir.resolve("train"));
        Files.move(fixture.settingsFile, train.resolve("oss-agent.properties"));
        Files.move(dir.resolve("AccessKey.csv"), train.resolve("AccessKey.csv"));
        return train;
    }

    /** OddTrainer#trainPath returns {@code returned}, run in {@code train}, with and without the agent. */
    private static JvmRun.Result returning(Path java, Path train, String returned) throws Exception {
        Path classes = Paths.get(OddTrainerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String agent = "-javaagent:" + Artifacts.agentJar() + "=" + train.resolve("oss-agent.properties");
        JvmRun.Result result = Unchanged.trainer(
                new JvmRun(java, train).launch("-cp", classes.toString(), OddTrainerMain.class.getName())
                        .args("path", returned),
                new JvmRun(java, train).jvmArgs(agent).launch("-cp", classes.toString(), OddTrainerMain.class.getName())
                        .args("path", returned));
        assertEquals(OddTrainerMain.EXIT_CODE, result.exitCode, result.toString());
        SecretWatch.check(result.stdout + result.stderr);
        return result;
    }

    /** The stored model keys, without the manifest and JvmRun's capture files in the working folder. */
    private static List<String> uploaded(TrainerFixture fixture) {
        List<String> keys = new ArrayList<>(fixture.storedKeys(BUCKET));
        keys.removeIf(key -> key.equals("models/oss-agent-manifest.json") || key.matches("models/train/std(out|err)\\d+\\.txt"));
        return keys;
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static long notes(JvmRun.Result result, String text) {
        return Unchanged.problems(result.stderr).stream()
                .filter(line -> line.startsWith("WARN not uploading ") && line.contains(text)).count();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aReturnedDotSendsEverythingButTheCredentials(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path train = trainFolder(fixture);
            Path model = write(train.resolve("model.pt"), "weights");
            write(train.resolve("notes/readme.txt"), "notes");
            for (String name : List.of("notes/.env", "notes/id_rsa", "notes/server.pem", "home/.aliyun/config.json")) {
                write(train.resolve(name), "OSS_ACCESS_KEY_SECRET=" + SecretWatch.SECRET);
            }
            JvmRun.Result result = returning(java, train, ".");

            assertEquals(List.of("models/train/model.pt", "models/train/notes/readme.txt"), uploaded(fixture),
                    result.toString());
            assertEquals(TrainerFixture.sha256(model), fixture.storedSha256(BUCKET, "models/train/model.pt"));
            assertEquals(1, notes(result, train.resolve("AccessKey.csv") + ": it is the credentials CSV in use"),
                    result.toString());
            assertEquals(1, notes(result, train.resolve("oss-agent.properties") + ": it is the settings file in use"),
                    result.toString());
            assertEquals(4, notes(result, ": a credentials file by its name"), result.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aLinkOutOfTheFolderIsSkippedAndALinkInsideIsFollowed(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path train = trainFolder(fixture);
            Path outside = Files.createDirectories(dir.resolve("etc"));
            write(outside.resolve("shadow"), "root:" + SecretWatch.SECRET);
            write(train.resolve("ckpt/a.bin"), "a");
            write(train.resolve("ckpt/sub/b.bin"), "b");
            Files.createSymbolicLink(train.resolve("ckpt/etc"), outside);
            Files.createSymbolicLink(train.resolve("ckpt/latest"), train.resolve("ckpt/sub"));
            JvmRun.Result result = returning(java, train, "ckpt");

            assertEquals(List.of("models/ckpt/a.bin", "models/ckpt/latest/b.bin", "models/ckpt/sub/b.bin"),
                    uploaded(fixture), result.toString());
            assertEquals(List.of("WARN not uploading " + train.resolve("ckpt/etc") + ": a symbolic link to "
                    + outside.toRealPath() + ", outside " + train.resolve("ckpt") + "; a folder walk never leaves the folder"),
                    Unchanged.problems(result.stderr));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aFileNameWithControlCharactersIsEscapedInEveryLine(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path train = trainFolder(fixture);
            String name = "w\n[oss-agent] FORGED\r\u001b[31m\u0007.pt";
            Path file = write(train.resolve("run").resolve(name), "weights");
            JvmRun.Result result = returning(java, train, "run");

            assertEquals(List.of("models/run/" + name), uploaded(fixture), result.toString());
            assertEquals(TrainerFixture.sha256(file), fixture.storedSha256(BUCKET, "models/run/" + name));
            String agentOutput = String.join("\n", Unchanged.agentLines(result.stderr));
            assertFalse(result.stderr.contains("\u001b") || result.stderr.contains("\u0007")
                    || result.stderr.contains("\r"), result.toString());
            assertFalse(result.stderr.lines().anyMatch(line -> line.startsWith("[oss-agent] FORGED")), result.toString());
            assertTrue(agentOutput.contains("w\\n[oss-agent] FORGED\\r\\e[31m\\u0007.pt"), result.toString());
        }
    }
}
