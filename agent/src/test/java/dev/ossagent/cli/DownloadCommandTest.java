package dev.ossagent.cli;

import com.aliyun.oss.OSS;
import dev.ossagent.integrity.Crc64;
import dev.ossagent.integrity.FileDigest;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.UploadedFile;
import dev.ossagent.manifest.Manifest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code list --runs} and {@code download} in-process against local-oss, with manifests shaped as the agent writes. */
class DownloadCommandTest extends CliTest {
    private static final String M = CliFixture.MODEL_BUCKET;
    private static final String D = CliFixture.DATA_BUCKET;

    /** bucket/key to bytes of every object put, for comparisons. */
    private final Map<String, byte[]> stored = new LinkedHashMap<>();
    private OSS client;

    @BeforeEach
    void twoRunsAndAnIncompleteOne() throws Exception {
        fixture.settings.put("ossagent.model.prefix", "models/${run}/");
        Files.setPosixFilePermissions(dir.resolve("AccessKey.csv"), PosixFilePermissions.fromString("rw-------"));
        client = fixture.client();
        run("run-a", "2026-11-29T02:00:00Z", null, List.of(
                file(M, "models/run-a/rssm_model.pt", 300_000, 1), file(M, "models/run-a/sub/scaler.pkl", 900, 2),
                file(D, "training-data/run-a/episodes.json", 5_000, 3)));
        run("run-b", "2026-11-29T01:00:00Z", "20261129T0100Z-host-b", List.of(
                file(M, "models/run-b/rssm_model.pt", 1_000, 4)));
        file(M, "models/run-c/rssm_model.pt", 77, 5); // no manifest: the upload never finished
        file(M, "models/LATEST.json", 1, 6);
    }

    @Test
    void listRunsShowsCompleteAndIncompleteRunsOldestFirst() throws Exception {
        CliFixture.Run run = fixture.cli("list", "--runs");
        assertEquals(0, run.code, run.toString());
        List<String> lines = run.out.lines().collect(Collectors.toList());
        assertTrue(lines.get(0).matches("RUN +STARTED \\(UTC\\) +FILES +BYTES +STATE"), run.out);
        assertTrue(lines.get(1).matches("20261129T0100Z-host-b +2026-11-29T01:00:00Z +1 +1000 +complete"), run.out);
        assertTrue(lines.get(2).matches("run-a +2026-11-29T02:00:00Z +3 +305900 +complete"), run.out);
        assertTrue(lines.get(3).matches("run-c +\\d{4}-.*Z +1 +77 +INCOMPLETE \\(no manifest\\)"), run.out);
        assertEquals("3 runs under " + M + "/models/: 2 complete, 1 not", lines.get(4));
        assertEquals(5, lines.size(), run.out);
    }

    @Test
    void aHostileRunFieldIsCutAndEscapedAndSetsNoTableWidth() throws Exception {
        String huge = "r".repeat(2_000_000);
        run("run-huge", "2026-11-29T03:00:00Z", huge, List.of(file(M, "models/run-huge/x.pt", 10, 7)));
        run("run-bidi", "2026-11-29T04:00:00Z", "evil\u202egp.exe", List.of(file(M, "models/run-bidi/x.pt", 10, 8)));

        CliFixture.Run run = fixture.cli("list", "--runs");

        assertEquals(0, run.code, run.toString());
        assertTrue(run.out.length() < 4_000, "not 2 MB of output: " + run.out.length() + " chars");
        List<String> lines = run.out.lines().collect(Collectors.toList());
        assertTrue(lines.get(1).matches("20261129T0100Z-host-b +2026-11-29T01:00:00Z +1 +1000 +complete"), run.out);
        assertTrue(lines.stream().allMatch(line -> line.length() < 200), run.out);
        assertTrue(run.out.contains("r".repeat(80) + "...(1999920 more)"), run.out);
        assertTrue(run.out.contains("evil\\u202egp.exe"), "a bidi control is escaped: " + run.out);
    }

    @Test
    void aHostileKeyInAManifestIsRefusedAndShownCut() throws Exception {
        String huge = "models/run-k/" + "k".repeat(2_000_000);
        run("run-k", "2026-11-29T05:00:00Z", null, List.of(entry(M, huge, new byte[3]),
                file(M, "models/run-k/fine.pt", 10, 9)));

        CliFixture.Run run = fixture.cli("download", "run-k", "out");

        assertEquals(ExitCodes.REFUSED, run.code, run.toString());
        assertTrue(run.out.length() + run.err.length() < 10_000, "not megabytes of output: "
                + (run.out.length() + run.err.length()));
        assertTrue(run.err.contains("the manifest entry is unusable: its bucket or key is longer than OSS allows"),
                run.err);
        assertSame("models/run-k/fine.pt", dir.resolve("out/fine.pt"));
    }

    @Test
    void aDownloadFolderOthersMayWriteOrAnotherUsersIsRefused() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("team-scratch"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        CliFixture.Run run = fixture.cli("download", "run-a", "team-scratch");

        assertEquals(ExitCodes.REFUSED, run.code, run.toString());
        assertTrue(run.err.contains("DIR " + shared + " is not used: the folder " + shared.toRealPath()
                + " is writable by other users (0777, not sticky), so another user could have a file written outside"
                + " it"), run.err);
        assertEquals(List.of(), listed(shared));

        CliFixture.Run below = fixture.cli("download", "run-a", "team-scratch/mine");
        assertEquals(ExitCodes.REFUSED, below.code, below.toString());
        assertTrue(below.err.contains("the folder " + shared.toRealPath() + " is writable by other users"), below.err);

        Path theirs = Files.createDirectories(dir.resolve("theirs"));
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        CliFixture.Run foreign = fixture.cli("download", "run-a", "theirs");
        assertEquals(ExitCodes.REFUSED, foreign.code, foreign.toString());
        assertTrue(foreign.err.contains("the folder " + theirs.toRealPath() + " is owned by nobody"), foreign.err);
    }

    private static List<Path> listed(Path folder) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            return files.filter(path -> !path.equals(folder)).collect(Collectors.toList());
        }
    }

    @Test
    void aManifestThatDoesNotParseIsOneLineNotACrash() throws Exception {
        put(M, "models/run-d/" + Manifest.FILE_NAME, "{\"format\": \"oss-agent-manifest/1\", \"files\": [".getBytes());
        put(M, "models/run-d/x.pt", new byte[12]);
        CliFixture.Run run = fixture.cli("list", "--runs");
        assertEquals(0, run.code, run.toString());
        assertEquals("[oss-agent] WARN manifest " + M + "/models/run-d/" + Manifest.FILE_NAME + " cannot be read (not a"
                + " JSON object); its run is shown from the listing\n", run.err);
        assertTrue(run.out.lines().anyMatch(line -> line.matches("run-d +\\S+ +1 +12 +UNREADABLE manifest")), run.out);
    }

    @Test
    void downloadByFolderNameGivesByteIdenticalFiles() throws Exception {
        CliFixture.Run run = fixture.cli("download", "run-a", "out");
        assertEquals(0, run.code, run.toString());
        assertSame("models/run-a/rssm_model.pt", dir.resolve("out/rssm_model.pt"));
        assertSame("models/run-a/sub/scaler.pkl", dir.resolve("out/sub/scaler.pkl"));
        assertSame("training-data/run-a/episodes.json", dir.resolve("out/training-data/run-a/episodes.json"));
        assertTrue(run.out.contains("3 of 3 files of run run-a in " + dir.toRealPath().resolve("out") + ", each verified"
                + " against the manifest's size, CRC64 and SHA-256 (0 already there; 298.7 KiB received)"), run.out);
        assertEquals(List.of(), partials(dir.resolve("out")));

        CliFixture.Run again = fixture.cli("download", "run-a", "out");
        assertEquals(0, again.code, again.toString());
        assertTrue(again.out.contains("(3 already there; 0 B received)"), again.out);
    }

    @Test
    void downloadByTheManifestsRunId() throws Exception {
        CliFixture.Run run = fixture.cli("download", "20261129T0100Z-host-b", "out");
        assertEquals(0, run.code, run.toString());
        assertSame("models/run-b/rssm_model.pt", dir.resolve("out/rssm_model.pt"));
    }

    @Test
    void downloadLatestFollowsThePointer() throws Exception {
        put(M, "models/LATEST.json", ("{\"format\": \"oss-agent-latest/1\", \"run\": \"20261129T0100Z-host-b\","
                + " \"bucket\": \"" + M + "\", \"prefix\": \"models/run-b/\", \"manifest\": \"models/run-b/"
                + Manifest.FILE_NAME + "\", \"started\": \"2026-11-29T01:00:00Z\", \"finished\": \"2026-11-29T01:01:00Z\"}")
                .getBytes(StandardCharsets.UTF_8));
        fixture.settings.put("ossagent.latest", "models/LATEST.json");
        CliFixture.Run run = fixture.cli("download", "latest", "out");
        assertEquals(0, run.code, run.toString());
        assertSame("models/run-b/rssm_model.pt", dir.resolve("out/rssm_model.pt"));
    }

    @Test
    void latestWithoutTheSettingIsAUsageError() throws Exception {
        CliFixture.Run run = fixture.cli("download", "latest", "out");
        assertEquals(ExitCodes.USAGE, run.code, run.toString());
        assertTrue(run.err.startsWith("[oss-agent] ERROR download latest needs ossagent.latest"), run.err);
    }

    @Test
    void anUnknownOrIncompleteRunIsMissing() throws Exception {
        CliFixture.Run unknown = fixture.cli("download", "run-z", "out");
        assertEquals(ExitCodes.MISSING, unknown.code, unknown.toString());
        assertEquals("[oss-agent] ERROR no run run-z under " + M + "/models/; java -jar oss-agent.jar list --runs shows"
                + " the runs there\n", unknown.err);
        CliFixture.Run incomplete = fixture.cli("download", "run-c", "out");
        assertEquals(ExitCodes.MISSING, incomplete.code, incomplete.toString());
        assertTrue(incomplete.err.contains("run run-c (" + M + "/models/run-c/) has no manifest"), incomplete.err);
    }

    @Test
    void aCorruptedObjectFailsThatFileAndTheOthersArrive() throws Exception {
        byte[] corrupted = stored.get(M + "/models/run-a/sub/scaler.pkl").clone();
        corrupted[100] ^= 1;
        client.putObject(M, "models/run-a/sub/scaler.pkl", new ByteArrayInputStream(corrupted));
        CliFixture.Run run = fixture.cli("download", "run-a", "out");
        assertEquals(ExitCodes.NOT_VERIFIED, run.code, run.toString());
        Path out = dir.toRealPath().resolve("out");
        List<String> errors = errors(run);
        assertEquals(1, errors.size(), run.err);
        assertTrue(errors.get(0).startsWith("[oss-agent] ERROR " + M + "/models/run-a/sub/scaler.pkl -> "
                + out.resolve("sub/scaler.pkl") + " NOT verified: its CRC64 is "), run.err);
        assertFalse(Files.exists(out.resolve("sub/scaler.pkl")));
        assertEquals(List.of(), partials(out));
        assertSame("models/run-a/rssm_model.pt", out.resolve("rssm_model.pt"));
        assertSame("training-data/run-a/episodes.json", out.resolve("training-data/run-a/episodes.json"));
        assertTrue(run.out.lines().anyMatch(line -> line.matches("sub/scaler.pkl +900 +FAILED: not verified")), run.out);
    }

    @Test
    void aDeletedObjectIsMissing() throws Exception {
        client.deleteObject(M, "models/run-a/rssm_model.pt");
        CliFixture.Run run = fixture.cli("download", "run-a", "out");
        assertEquals(ExitCodes.MISSING, run.code, run.toString());
        assertEquals(List.of("[oss-agent] ERROR " + M + "/models/run-a/rssm_model.pt is not in OSS (NoSuchKey), though"
                + " the manifest lists it"), errors(run));
        assertSame("models/run-a/sub/scaler.pkl", dir.resolve("out/sub/scaler.pkl"));
    }

    @Test
    void keysFromAHostileManifestNeverWriteOutsideTheFolder() throws Exception {
        byte[] good = stored.get(M + "/models/run-b/rssm_model.pt");
        List<UploadedFile> files = new ArrayList<>();
        files.add(entry(M, "models/run-e/good.pt", good));
        for (String key : List.of("models/run-e/../../escape.pt", "/tmp/escape.pt", "C:/escape.pt",
                "models/run-e/a\nb.pt", "models/run-e/link/escape.pt", "models/run-e/linked.pt", "..\\escape.pt")) {
            files.add(entry(M, key, good));
        }
        put(M, "models/run-e/good.pt", good);
        put(M, "models/run-e/" + Manifest.FILE_NAME, manifest(null, "2026-11-29T03:00:00Z", files));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path out = Files.createDirectories(dir.resolve("a/b/out"));
        Files.createSymbolicLink(out.resolve("link"), outside);
        Files.createSymbolicLink(out.resolve("linked.pt"), outside.resolve("linked.pt"));

        CliFixture.Run run = fixture.cli("download", "run-e", "a/b/out");
        assertEquals(ExitCodes.REFUSED, run.code, run.toString());
        assertEquals(7, errors(run).size(), run.err);
        assertTrue(run.err.contains("ERROR " + M + "/models/run-e/../../escape.pt -> ../../escape.pt: refused: it has a"
                + " \"..\" segment; nothing is written for it"), run.err);
        assertTrue(run.err.contains("ERROR " + M + "//tmp/escape.pt -> /tmp/escape.pt: refused: it is an absolute"
                + " path"), run.err);
        assertTrue(run.err.contains("-> a\\nb.pt: refused: it holds a control character"), run.err);
        assertTrue(run.err.contains("-> link/escape.pt: " + out.toRealPath().resolve("link") + " is a symbolic link"),
                run.err);
        assertArrayEquals(good, Files.readAllBytes(out.resolve("good.pt")));
        try (Stream<Path> all = Files.walk(dir.resolve("outside"))) {
            assertEquals(List.of(outside), all.collect(Collectors.toList()), "nothing written through the links");
        }
        assertFalse(Files.exists(dir.resolve("a/escape.pt")));
        assertFalse(Files.exists(dir.resolve("escape.pt")));
        assertFalse(Files.exists(Path.of("/tmp/escape.pt")));
    }

    @Test
    void aTransferThatBreaksOffIsContinuedInTheSameRun() throws Exception {
        fixture.settings.put("ossagent.retry.backoff", "1ms");
        fixture.server.faults().cutNextGetAfter(100_000);
        CliFixture.Run run = fixture.cli("download", "run-a", "out");
        assertEquals(0, run.code, run.toString());
        assertTrue(run.err.contains("[oss-agent] WARN " + M + "/models/run-a/rssm_model.pt: the transfer broke off after"
                + " 100000 of 300000 bytes ("), run.err);
        assertTrue(run.err.contains("); continuing from there, try 2 of 10\n"), run.err);
        assertSame("models/run-a/rssm_model.pt", dir.resolve("out/rssm_model.pt"));
        assertTrue(run.out.contains("(0 already there; 298.7 KiB received)"), "each byte counted once: " + run.out);
        assertTrue(fixture.server.requestLog().contains("GET /" + M + "/models/run-a/rssm_model.pt -> 206"),
                fixture.server.requestLog().toString());
    }

    @Test
    void anInterruptedDownloadContinuesWithARangeRequest() throws Exception {
        fixture.settings.put("ossagent.retry.max-attempts", "1");
        fixture.server.faults().cutNextGetAfter(100_000);
        CliFixture.Run first = fixture.cli("download", "run-a", "out");
        assertEquals(ExitCodes.FAILED, first.code, first.toString());
        Path out = dir.toRealPath().resolve("out");
        assertEquals(List.of("[oss-agent] ERROR " + M + "/models/run-a/rssm_model.pt -> " + out.resolve("rssm_model.pt")
                + ": the transfer broke off after 100000 of 300000 bytes (" + brokeOff(first) + "); run download again"
                + " to continue from there"), errors(first));
        assertEquals(100_000, Files.size(out.resolve("rssm_model.pt.oss-agent-part")));
        assertFalse(Files.exists(out.resolve("rssm_model.pt")));

        int before = fixture.server.requestLog().size();
        CliFixture.Run second = fixture.cli("download", "run-a", "out");
        assertEquals(0, second.code, second.toString());
        assertSame("models/run-a/rssm_model.pt", out.resolve("rssm_model.pt"));
        assertTrue(second.out.contains("ok, verified (continued from 100000 bytes already in the partial file)"), second.out);
        assertTrue(fixture.server.requestLog().subList(before, fixture.server.requestLog().size())
                .contains("GET /" + M + "/models/run-a/rssm_model.pt -> 206"), fixture.server.requestLog().toString());
        assertEquals(List.of(), partials(out));
    }

    /** The exception's simple name as printed, whatever the HTTP client calls a short body. */
    private static String brokeOff(CliFixture.Run run) {
        int start = run.err.indexOf("bytes (") + 7;
        return run.err.substring(start, run.err.indexOf(')', start));
    }

    private static List<String> errors(CliFixture.Run run) {
        return run.err.lines().filter(line -> line.startsWith("[oss-agent] ERROR")).collect(Collectors.toList());
    }

    private static List<Path> partials(Path folder) throws Exception {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> p.toString().endsWith(".oss-agent-part")).collect(Collectors.toList());
        }
    }

    private void assertSame(String key, Path local) throws Exception {
        byte[] expected = stored.entrySet().stream().filter(e -> e.getKey().endsWith("/" + key)).findFirst()
                .orElseThrow().getValue();
        assertArrayEquals(expected, Files.readAllBytes(local), local.toString());
    }

    private void run(String folder, String started, String runId, List<UploadedFile> files) throws Exception {
        put(M, "models/" + folder + "/" + Manifest.FILE_NAME, manifest(runId, started, files));
    }

    private static byte[] manifest(String runId, String started, List<UploadedFile> files) {
        PlanRecord plan = new PlanRecord("id", "dev.ossagent.demo.DemoTrainer#train", "/work/models/rssm_model.pt",
                "http://127.0.0.1", M, "unused", Instant.parse(started).toEpochMilli(), 1, "17", "host")
                .withRun(runId, 0, null);
        return Manifest.json(plan, "host", files, Instant.parse(started).toEpochMilli() + 60_000)
                .getBytes(StandardCharsets.UTF_8);
    }

    private UploadedFile file(String bucket, String key, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        put(bucket, key, bytes);
        return entry(bucket, key, bytes);
    }

    private static UploadedFile entry(String bucket, String key, byte[] bytes) {
        return new UploadedFile("/local/" + key, bucket, key, bytes.length,
                Long.toUnsignedString(Crc64.update(0, bytes, 0, bytes.length)),
                FileDigest.hex(FileDigest.sha256().digest(bytes)), 0.1, false);
    }

    private void put(String bucket, String key, byte[] bytes) {
        client.putObject(bucket, key, new ByteArrayInputStream(bytes));
        stored.put(bucket + "/" + key, bytes);
    }
}
