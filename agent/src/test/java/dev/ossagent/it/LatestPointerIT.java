package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LATEST pointer whose "started" lies in the future (year 9999: planted, or a clock that ran ahead) does not
 * freeze it: the next run replaces it with a WARN naming both. And {@code download latest} through a pointer
 * whose run has no manifest names the newest complete run instead.
 */
class LatestPointerIT {
    private static final String MODELS = TrainerFixture.MODEL_BUCKET;

    @TempDir
    Path dir;

    private JvmRun.Result cli(TrainerFixture fixture, String command, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(command, "--config", fixture.settingsFile.toString()));
        all.addAll(List.of(args));
        return new JvmRun(Jdks.all().get(0), dir).launch("-jar", Artifacts.agentJar().toString())
                .args(all.toArray(new String[0])).run();
    }

    private void plantPointer(TrainerFixture fixture, String run, String started) throws Exception {
        Path pointer = Files.writeString(dir.resolve("LATEST.json"), "{\"format\": \"oss-agent-latest/1\", \"run\": \""
                + run + "\", \"bucket\": \"" + MODELS + "\", \"prefix\": \"models/" + run + "/\", \"manifest\": \"models/"
                + run + "/oss-agent-manifest.json\", \"started\": \"" + started + "\", \"finished\": \"" + started
                + "\"}", StandardCharsets.UTF_8);
        assertEquals(0, cli(fixture, "upload", "--model", pointer.toString(), "-Dossagent.model.prefix=models/",
                "-Dossagent.data.bucket=").exitCode);
    }

    @Test
    void aPointerFromTheFutureIsReplacedAndAPointerToNoManifestNamesTheNewestCompleteRun() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.model.prefix=models/${run}/\nossagent.data.files=\n"
                    + "ossagent.latest=models/LATEST.json");
            plantPointer(fixture, "run-planted", "9999-12-31T23:59:59Z");

            JvmRun.Result run = fixture.trainer(Jdks.all().get(0)).env("OSSAGENT_RUN_ID", "run-new").run();

            assertEquals(0, run.exitCode, run.toString());
            assertTrue(run.stderr.contains("WARN " + MODELS + "/models/LATEST.json names a run made"
                    + " 9999-12-31T23:59:59Z, later than now ("), run.stderr);
            assertTrue(run.stderr.contains("not trusting it to block, so replacing it with run run-new (made "),
                    run.stderr);
            assertTrue(fixture.storedText(MODELS, "models/LATEST.json").contains("\"run\": \"run-new\""));

            plantPointer(fixture, "run-gone", "2026-11-29T01:00:00Z");
            JvmRun.Result download = cli(fixture, "download", "latest", "dl", "-Dossagent.model.prefix=models/");

            assertEquals(10, download.exitCode, download.toString());
            assertTrue(download.stderr.contains("the latest pointer " + MODELS + "/models/LATEST.json names run run-gone,"
                    + " whose manifest " + MODELS + "/models/run-gone/oss-agent-manifest.json is not in OSS; the newest"
                    + " complete run there is run-new (" + MODELS + "/models/run-new/oss-agent-manifest.json):"
                    + " java -jar oss-agent.jar download run-new DIR"), download.stderr);
        }
    }
}
