package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ossagent.integrity.Crc64;
import dev.ossagent.integrity.FileDigest;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.UploadedFile;
import dev.ossagent.manifest.Manifest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --json} on list, list --runs, plan, upload, download and test: every stdout line one JSON object with the
 * documented field names (docs/cli-json.md), nothing else on stdout. And the habits: {@code -D} before the command,
 * "1 run" and "1 object", and list --runs' STARTED is the run's start.
 */
class JsonOutputTest extends CliTest {
    private static final String M = CliFixture.MODEL_BUCKET;
    private OSS client;

    @BeforeEach
    void client() throws Exception {
        Files.setPosixFilePermissions(dir.resolve("AccessKey.csv"), PosixFilePermissions.fromString("rw-------"));
        client = fixture.client();
    }

    @AfterEach
    void closeClient() {
        client.shutdown();
    }

    private static List<JsonObject> lines(CliFixture.Run run) {
        List<JsonObject> objects = new ArrayList<>();
        for (String line : run.out.split("\n")) {
            assertTrue(line.startsWith("{") && line.endsWith("}"), "not a JSON line: " + line + "\n" + run);
            objects.add(new JsonParser().parse(line).getAsJsonObject());
        }
        return objects;
    }

    private UploadedFile put(String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.putObject(M, key, new ByteArrayInputStream(bytes));
        return new UploadedFile("/local/" + key, M, key, bytes.length,
                Long.toUnsignedString(Crc64.update(0, bytes, 0, bytes.length)),
                FileDigest.hex(FileDigest.sha256().digest(bytes)), 0.1, false);
    }

    /** A manifest as the agent writes it, its plan made at {@code started}. */
    private void manifest(String folder, String runId, Instant started, List<UploadedFile> files) {
        PlanRecord plan = new PlanRecord("id", "dev.ossagent.demo.DemoTrainer#train", "/work/models", "http://127.0.0.1",
                M, "unused", started.toEpochMilli(), 1, "17", "host").withRun(runId, 0, null);
        client.putObject(M, "models/" + folder + "/" + Manifest.FILE_NAME, new ByteArrayInputStream(
                Manifest.json(plan, "host", files, started.toEpochMilli() + 1000).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void listJsonIsOneObjectPerObjectAndNothingElse() throws Exception {
        put("models/a.pt", "aaa");
        put("models/b.pt", "bb");
        CliFixture.Run run = fixture.cli("list", "--json");
        assertEquals(0, run.code, run.toString());
        List<JsonObject> objects = lines(run);
        assertEquals(2, objects.size(), run.toString());
        assertEquals("models/a.pt", objects.get(0).get("key").getAsString());
        assertEquals(M, objects.get(0).get("bucket").getAsString());
        assertEquals(3, objects.get(0).get("size").getAsLong());
        Instant.parse(objects.get(0).get("lastModified").getAsString());
        assertFalse(objects.get(0).get("etag").getAsString().isEmpty());
    }

    @Test
    void oneObjectAndOneRunAreSingular() throws Exception {
        put("models/only.pt", "x");
        CliFixture.Run list = fixture.cli("list");
        assertTrue(list.out.contains("\n1 object, 1 B under " + M + "/models/\n"), list.out);
        fixture.settings.put("ossagent.model.prefix", "models/${run}/");
        manifest("run-1", "run-1", Instant.parse("2026-11-29T02:00:00Z"), List.of(put("models/run-1/a.pt", "a")));
        CliFixture.Run runs = fixture.cli("list", "--runs");
        assertTrue(runs.out.contains("\n1 run under " + M + "/models/: 1 complete, 0 not\n"), runs.out);
    }

    @Test
    void listRunsJsonUsesTheEventsNamesAndStartedIsTheRunsStartNotItsLastCheckpoints() throws Exception {
        fixture.settings.put("ossagent.model.prefix", "models/${run}/");
        Instant firstCheckpoint = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UploadedFile early = put("models/run-x/ckpt-1.pt", "first checkpoint");
        // The manifest is rewritten at each checkpoint; this one was planned an hour after the run's first upload.
        Instant lastPlan = firstCheckpoint.plus(1, ChronoUnit.HOURS);
        manifest("run-x", "run-x", lastPlan, List.of(early, put("models/run-x/ckpt-2.pt", "second")));
        put("models/run-y/partial.pt", "never finished");

        CliFixture.Run table = fixture.cli("list", "--runs");
        assertEquals(0, table.code, table.toString());
        String row = table.out.lines().filter(line -> line.startsWith("run-x ")).findFirst().orElseThrow();
        assertFalse(row.contains(lastPlan.toString()), "STARTED is not the last checkpoint's plan: " + row);

        CliFixture.Run run = fixture.cli("list", "--runs", "--json");
        assertEquals(0, run.code, run.toString());
        List<JsonObject> runs = lines(run);
        assertEquals(2, runs.size(), run.toString());
        JsonObject x = runs.stream().filter(r -> r.get("run").getAsString().equals("run-x")).findFirst().orElseThrow();
        assertEquals("complete", x.get("state").getAsString());
        assertEquals(2, x.get("fileCount").getAsLong());
        assertEquals(M, x.get("bucket").getAsString());
        assertEquals("models/run-x/", x.get("folder").getAsString());
        Instant started = Instant.parse(x.get("started").getAsString());
        assertTrue(started.isBefore(lastPlan) && !started.isBefore(firstCheckpoint.minusSeconds(5)),
                "the run started with its first upload: " + started);
        JsonObject y = runs.stream().filter(r -> r.get("run").getAsString().equals("run-y")).findFirst().orElseThrow();
        assertEquals("incomplete", y.get("state").getAsString());
    }

    @Test
    void diagnosticsTooAreJsonWithTheJsonLogFormat() throws Exception {
        CliFixture.Run run = fixture.cli("list", "--json", "-Dossagent.log.format=json", "-Dossagent.model.prefx=x/");
        assertEquals(0, run.code, run.toString());
        JsonObject warning = new JsonParser().parse(run.err.lines().findFirst().orElseThrow()).getAsJsonObject();
        assertEquals("log", warning.get("type").getAsString());
        assertEquals("warn", warning.get("level").getAsString());
        assertTrue(warning.get("message").getAsString().contains("ossagent.model.prefx"), run.err);
        CliFixture.Run text = fixture.cli("list", "-Dossagent.model.prefx=x/");
        assertTrue(text.err.startsWith("[oss-agent] WARN "), "the next command starts from text: " + text.err);
    }

    @Test
    void aRunWhoseCheckpointsRewriteTheSameKeysStartsWhenItsManifestSaysTheRunStarted() throws Exception {
        fixture.settings.put("ossagent.model.prefix", "models/${run}/");
        UploadedFile model = put("models/run-z/model.pt", "the tenth save, same key as the first");
        Instant runStarted = Instant.parse("2026-11-29T01:00:00Z");
        Instant lastPlan = Instant.parse("2026-11-29T09:00:00Z");
        PlanRecord plan = new PlanRecord("id", "dev.ossagent.demo.DemoTrainer#train", "/work/models", "http://127.0.0.1",
                M, "unused", lastPlan.toEpochMilli(), 1, "17", "host").withRun("run-z", 0, null);
        client.putObject(M, "models/run-z/" + Manifest.FILE_NAME, new ByteArrayInputStream(Manifest.json(plan, "host",
                List.of(model), lastPlan.toEpochMilli() + 1000, runStarted.toEpochMilli(), null)
                .getBytes(StandardCharsets.UTF_8)));
        CliFixture.Run run = fixture.cli("list", "--runs", "--json");
        assertEquals(runStarted.toString(), lines(run).get(0).get("started").getAsString(), run.toString());
    }

    @Test
    void planJsonIsOneDocumentWithThePlanEventsNames() throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/rssm_model.pt"), "model");
        CliFixture.Run run = fixture.cli("plan", "--json", "models/rssm_model.pt");
        assertEquals(0, run.code, run.toString());
        List<JsonObject> documents = lines(run);
        assertEquals(1, documents.size(), run.toString());
        JsonObject plan = documents.get(0);
        assertEquals(dir.resolve("models/rssm_model.pt").toString(), plan.get("modelPath").getAsString());
        JsonArray files = plan.getAsJsonArray("files");
        assertEquals(plan.get("fileCount").getAsInt(), files.size());
        JsonObject model = files.get(0).getAsJsonObject();
        assertEquals(M, model.get("bucket").getAsString());
        assertEquals(5, model.get("size").getAsLong());
        assertTrue(plan.has("missing") && plan.has("bytes"), plan.toString());
    }

    @Test
    void uploadJsonIsOneObjectPerFileVerifiedOrMissing() throws Exception {
        Files.writeString(dir.resolve("a.pt"), "hello");
        CliFixture.Run run = fixture.cli("upload", "--json", "--model", "a.pt", "nothing-here.pt");
        assertEquals(ExitCodes.FAILED, run.code, run.toString());
        List<JsonObject> files = lines(run);
        assertEquals(2, files.size(), run.toString());
        JsonObject sent = files.stream().filter(f -> f.get("status").getAsString().equals("verified")).findFirst()
                .orElseThrow();
        assertEquals("models/a.pt", sent.get("key").getAsString());
        assertEquals(FileDigest.hex(FileDigest.sha256().digest("hello".getBytes(StandardCharsets.UTF_8))),
                sent.get("sha256").getAsString());
        assertEquals(Long.toUnsignedString(Crc64.update(0, "hello".getBytes(StandardCharsets.UTF_8), 0, 5)),
                sent.get("crc64").getAsString());
        assertFalse(sent.get("unchanged").getAsBoolean());
        assertEquals("missing", files.stream().filter(f -> !f.equals(sent)).findFirst().orElseThrow().get("status")
                .getAsString());
    }

    @Test
    void uploadJsonNamesAFailuresKindAsTheEventsDo() throws Exception {
        Files.writeString(dir.resolve("a.pt"), "hello");
        fixture.settings.put("ossagent.model.bucket", "no-such-bucket-here");
        CliFixture.Run run = fixture.cli("upload", "--json", "--model", "a.pt");
        assertEquals(ExitCodes.NO_SUCH_BUCKET, run.code, run.toString());
        JsonObject failed = lines(run).get(0);
        assertEquals("failed", failed.get("status").getAsString());
        JsonObject failure = failed.getAsJsonObject("failure");
        assertEquals("auth-or-config", failure.get("kind").getAsString());
        assertEquals("NoSuchBucket", failure.get("code").getAsString());
        assertEquals(ExitCodes.NO_SUCH_BUCKET, failure.get("exitCode").getAsInt());
    }

    @Test
    void downloadJsonIsOneObjectPerFileWithTheManifestsFacts() throws Exception {
        fixture.settings.put("ossagent.model.prefix", "models/${run}/");
        UploadedFile file = put("models/run-d/m.pt", "model bytes");
        manifest("run-d", "run-d", Instant.parse("2026-11-29T02:00:00Z"), List.of(file));
        CliFixture.Run run = fixture.cli("download", "--json", "run-d", "out");
        assertEquals(0, run.code, run.toString());
        List<JsonObject> files = lines(run);
        assertEquals(1, files.size(), run.toString());
        JsonObject got = files.get(0);
        assertEquals("verified", got.get("status").getAsString());
        assertEquals("run-d", got.get("run").getAsString());
        assertEquals(file.sha256(), got.get("sha256").getAsString());
        assertEquals(file.crc64(), got.get("crc64").getAsString());
        assertEquals(dir.toRealPath().resolve("out/m.pt").toString(), got.get("path").getAsString());
        assertFalse(got.get("unchanged").getAsBoolean());
        CliFixture.Run again = fixture.cli("download", "--json", "run-d", "out");
        assertTrue(lines(again).get(0).get("unchanged").getAsBoolean(), again.toString());
    }

    @Test
    void testJsonIsOneDocumentFieldForLine() throws Exception {
        CliFixture.Run run = fixture.cli("test", "--json");
        assertEquals(0, run.code, run.toString());
        List<JsonObject> documents = lines(run);
        assertEquals(1, documents.size(), run.toString());
        JsonObject report = documents.get(0);
        assertEquals(0, report.get("exitCode").getAsInt());
        assertTrue(report.get("result").getAsString().startsWith("OK"), report.toString());
        assertTrue(report.get("credentials").getAsString().contains("****"), report.toString());
        assertEquals(M, report.getAsJsonObject("modelBucket").get("name").getAsString());
        assertTrue(report.getAsJsonObject("modelBucket").get("write").getAsString().startsWith("yes"),
                report.toString());
    }

    @Test
    void settingsWrittenBeforeTheCommandAreTaken() throws Exception {
        put("models/a.pt", "a");
        put("other/b.pt", "b");
        fixture.writeSettings();
        CliFixture.Run run = fixture.raw("-Dossagent.model.prefix=other/", "list", "--config",
                fixture.settingsFile.toString());
        assertEquals(0, run.code, run.toString());
        assertEquals(List.of("other/b.pt"), run.out.lines().filter(line -> line.contains("/b.pt")
                || line.contains("/a.pt")).map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .collect(Collectors.toList()));
        CliFixture.Run spaced = fixture.raw("-D", "ossagent.model.prefix=other/", "list", "--config",
                fixture.settingsFile.toString());
        assertTrue(spaced.out.contains("under " + M + "/other/"), spaced.toString());
    }
}
