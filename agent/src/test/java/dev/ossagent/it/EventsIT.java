package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ossagent.events.file}: a pipeline tells from the events file alone which files of which run were verified,
 * two JVMs share the file, events on stderr replace the human lines, and with events and JMX off not one of their
 * classes (nor java.lang.management) is loaded.
 */
class EventsIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");
    private static final String MODELS = TrainerFixture.MODEL_BUCKET;

    @TempDir
    Path dir;

    private static List<JsonObject> events(String text) {
        List<JsonObject> events = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                events.add(new JsonParser().parse(line).getAsJsonObject());
            }
        }
        return events;
    }

    private static String text(JsonObject event, String name) {
        JsonElement value = event.get(name);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    private static List<JsonObject> of(List<JsonObject> events, String run, String type) {
        return events.stream().filter(e -> run.equals(text(e, "run")) && type.equals(text(e, "type")))
                .collect(Collectors.toList());
    }

    /** key -> status of each file event of one run. */
    private static Map<String, String> fileStatus(List<JsonObject> events, String run) {
        Map<String, String> status = new HashMap<>();
        for (JsonObject file : of(events, run, "file")) {
            assertEquals(null, status.put(text(file, "key"), text(file, "status")), "one event per file: " + file);
        }
        return status;
    }

    @Test
    void aPipelineTellsFromTheEventsFileWhichFilesOfWhichRunWereVerified() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            // The second run changes two files whose objects may not be replaced: they fail, the others are verified.
            fixture.writeSettings("ossagent.overwrite=false\nossagent.model.files=models/rssm_model.pt,"
                    + "models/scaler.pkl,notes.txt\nossagent.events.file=events.jsonl\nossagent.latest=models/LATEST");
            Files.writeString(dir.resolve("notes.txt"), "first run");
            JvmRun.Result first = fixture.trainer(JAVA, "--epochs", "1").env("OSSAGENT_RUN_ID", "run-one").run();
            assertEquals(0, first.exitCode, first.toString());
            assertTrue(first.stderr.contains("events: appending JSON lines to " + dir.resolve("events.jsonl")),
                    first.stderr);
            Files.writeString(dir.resolve("notes.txt"), "second run, other bytes");
            JvmRun.Result second = fixture.trainer(JAVA, "--epochs", "2").env("OSSAGENT_RUN_ID", "run-two").run();
            assertEquals(0, second.exitCode, second.toString());

            String text = Files.readString(dir.resolve("events.jsonl"));
            SecretWatch.check(text);
            List<JsonObject> events = events(text);
            Map<String, Long> lastSeq = new HashMap<>();
            for (JsonObject event : events) {
                assertEquals(1, event.get("v").getAsInt(), event.toString());
                Instant.parse(text(event, "time"));
                assertTrue(text(event, "time").endsWith("Z"), "UTC: " + event);
                long seq = event.get("seq").getAsLong();
                Long before = lastSeq.put(text(event, "pid"), seq);
                assertEquals(before == null ? 1 : before + 1, seq, "each JVM numbers its events 1, 2, ...: " + event);
            }
            assertEquals(2, lastSeq.size(), "two JVMs wrote to the file");

            assertEquals(Map.of("models/rssm_model.pt", "verified", "models/scaler.pkl", "verified",
                    "models/notes.txt", "verified", "training-data/training_episodes.json", "verified"),
                    fileStatus(events, "run-one"));
            assertEquals(Map.of("models/rssm_model.pt", "failed", "models/scaler.pkl", "verified",
                    "models/notes.txt", "failed", "training-data/training_episodes.json", "verified"),
                    fileStatus(events, "run-two"));
            for (JsonObject file : of(events, "run-two", "file")) {
                if ("failed".equals(text(file, "status"))) {
                    JsonObject failure = file.getAsJsonObject("failure");
                    assertEquals("object-exists", text(failure, "kind"), file.toString());
                    assertNotNull(file.get("attempts"), file.toString());
                } else {
                    // What a verified event says is what OSS holds.
                    assertEquals(fixture.storedSha256(text(file, "bucket"), text(file, "key")), text(file, "sha256"));
                    assertEquals(Files.size(Paths.get(text(file, "path"))), file.get("size").getAsLong());
                    assertTrue(file.get("unchanged").getAsBoolean(), "same bytes as run-one's: " + file);
                    assertTrue(text(file, "crc64").matches("[0-9]+"), file.toString());
                }
            }
            JsonObject firstModel = of(events, "run-one", "file").stream()
                    .filter(e -> "models/rssm_model.pt".equals(text(e, "key"))).findFirst().orElseThrow();
            assertEquals(MODELS, text(firstModel, "bucket"));
            assertEquals(1, firstModel.get("attempts").getAsInt());
            assertFalse(firstModel.get("unchanged").getAsBoolean());
            assertEquals(fixture.storedSha256(MODELS, "models/rssm_model.pt"), text(firstModel, "sha256"),
                    "run-one's model is the one that stays");

            JsonObject plan = of(events, "run-two", "plan").get(0);
            assertEquals(4, plan.get("fileCount").getAsInt());
            assertEquals(4, plan.getAsJsonArray("files").size());
            assertTrue(text(plan, "trainer").startsWith("dev.ossagent.demo.DemoTrainer#"), plan.toString());

            assertEquals("written", text(of(events, "run-one", "manifest").get(0), "status"));
            assertTrue(fixture.storedText(MODELS, "models/oss-agent-manifest.json").contains("\"runStarted\": \""),
                    "the manifest says when the run began, for list --runs");
            assertEquals("written", text(of(events, "run-one", "latest").get(0), "status"));
            assertEquals("skipped", text(of(events, "run-two", "manifest").get(0), "status"));
            assertTrue(of(events, "run-two", "latest").isEmpty());

            JsonObject exitOne = of(events, "run-one", "exit").get(0);
            assertEquals("finished", text(exitOne, "status"));
            assertEquals(4, exitOne.get("filesVerified").getAsInt());
            JsonObject exitTwo = of(events, "run-two", "exit").get(0);
            assertEquals("unfinished", text(exitTwo, "status"));
            assertEquals(2, exitTwo.get("filesVerified").getAsInt());
            assertEquals(2, exitTwo.get("filesFailed").getAsInt());
            assertEquals("exit", text(events.get(events.size() - 1), "type"), "the exit summary comes last");
        }
    }

    @Test
    void aFileSentTwiceSaysTwoAttempts() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.events.file=" + dir.resolve("events.jsonl"));
            fixture.server.faults().corruptNextPart(true); // one body stored with a flipped byte: CRC64 mismatch
            JvmRun.Result result = fixture.trainer(JAVA, "--epochs", "1").env("OSSAGENT_RUN_ID", "run-retry").run();
            assertEquals(0, result.exitCode, result.toString());
            List<JsonObject> files = of(events(Files.readString(dir.resolve("events.jsonl"))), "run-retry", "file");
            assertEquals(3, files.size());
            assertEquals(List.of(1, 1, 2), files.stream().map(f -> f.get("attempts").getAsInt()).sorted()
                    .collect(Collectors.toList()), files.toString());
            assertTrue(files.stream().allMatch(f -> "verified".equals(text(f, "status"))), files.toString());
        }
    }

    @Test
    void eventsOnStderrReplaceTheHumanLines() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.events.file=-");
            JvmRun.Result result = fixture.trainer(JAVA, "--epochs", "1").env("OSSAGENT_RUN_ID", "run-stderr").run();
            assertEquals(0, result.exitCode, result.toString());
            assertFalse(result.stderr.contains("[oss-agent]"), result.stderr);
            String json = result.stderr.lines().filter(line -> line.startsWith("{")).collect(Collectors.joining("\n"));
            List<JsonObject> lines = events(json);
            Set<String> types = new TreeSet<>();
            for (JsonObject line : lines) {
                types.add(text(line, "type"));
            }
            assertTrue(types.containsAll(Set.of("log", "plan", "file", "manifest", "exit")), types + "\n" + result.stderr);
            assertTrue(lines.stream().anyMatch(line -> "log".equals(text(line, "type"))
                    && text(line, "message").startsWith("uploaded " + MODELS + "/models/rssm_model.pt")), json);
            assertEquals(3, of(lines, "run-stderr", "file").size(), json);
        }
    }

    @Test
    void anEventsFileThatCannotBeOpenedIsOneWarningAndTheUploadGoesOn() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.events.file=no/such/folder/events.jsonl");
            JvmRun.Result result = fixture.trainer(JAVA, "--epochs", "1").run();
            assertEquals(0, result.exitCode, result.toString());
            assertTrue(result.stderr.contains("[oss-agent] WARN cannot open the events file "
                    + dir.resolve("no/such/folder/events.jsonl") + " ("), result.stderr);
            assertEquals(TrainerFixture.sha256(dir.resolve("models/rssm_model.pt")),
                    fixture.storedSha256(MODELS, "models/rssm_model.pt"));
        }
    }

    @Test
    void aBrokenLogFormatIsOneErrorAndNothingIsWoven() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.log.format=yaml");
            JvmRun.Result result = fixture.trainer(JAVA, "--epochs", "1").run();
            assertEquals(0, result.exitCode, result.toString());
            assertTrue(result.stderr.contains("[oss-agent] ERROR ossagent.log.format=yaml is not text or json; the"
                    + " trainer runs on without automatic upload"), result.stderr);
            assertTrue(fixture.storedKeys(MODELS).isEmpty());
        }
    }

    /** The classes a full upload loads from the agent's events, JSON and JMX code, and from JMX itself. */
    private List<String> observabilityClassesLoaded(TrainerFixture fixture, String extraSettings) throws Exception {
        fixture.writeSettings(extraSettings);
        Path log = Files.createTempFile(dir, "class-load", ".log");
        JvmRun.Result result = fixture.trainer(JAVA, "--epochs", "1").jvmArgs("-Xlog:class+load=info:file=" + log)
                .run();
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stderr.contains(MODELS + "/models/rssm_model.pt"), result.stderr); // sent, or already there
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(line -> line.contains(" dev.ossagent.transfer.PlanRunner ")),
                "no class+load log?");
        return lines.stream().filter(line -> line.contains(" dev.ossagent.events.")
                || line.contains(" dev.ossagent.jmx.") || line.contains(" dev.ossagent.PlatformView ")
                || line.contains(" dev.ossagent.config.Observability ") || line.contains(" dev.ossagent.log.JsonLine ")
                || line.contains(" dev.ossagent.trigger.PlanEvent ") || line.contains(" dev.ossagent.failure.FailureKind ")
                || line.contains(" java.lang.management.") || line.contains(" javax.management.")
                || line.contains(" sun.management.")).collect(Collectors.toList());
    }

    @Test
    void withEventsAndJmxOffNotOneOfTheirClassesLoads() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            assertEquals(List.of(), observabilityClassesLoaded(fixture, ""));
            List<String> on = observabilityClassesLoaded(fixture, "ossagent.events.file=events.jsonl\nossagent.jmx=true");
            assertTrue(on.stream().anyMatch(line -> line.contains(" dev.ossagent.events.Events ")), on.toString());
            assertTrue(on.stream().anyMatch(line -> line.contains(" dev.ossagent.jmx.Uploads ")), on.toString());
            assertTrue(on.stream().anyMatch(line -> line.contains(" java.lang.management.ManagementFactory ")),
                    on.toString());
        }
    }
}
