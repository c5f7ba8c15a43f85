package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code list --runs} with many runs: manifests read in parallel, never more than {@link ManifestReads#READERS}
 * at once, and {@code --limit N} reads only the newest N runs' manifests. Runs are files dropped into local-oss's
 * bucket folder, each a minute newer than the one before; every tenth has no manifest.
 */
class ListRunsAtScaleTest extends CliTest {
    private static final int RUNS = 120;

    @BeforeEach
    void runs() throws Exception {
        fixture.settings.put("ossagent.model.prefix", "models/${run}/");
        Path bucket = fixture.server.root().resolve(CliFixture.MODEL_BUCKET);
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 1; i <= RUNS; i++) {
            String run = String.format("run-%03d", i);
            Path folder = Files.createDirectories(bucket.resolve("models").resolve(run));
            Instant started = first.plusSeconds(60L * i);
            Files.setLastModifiedTime(Files.writeString(folder.resolve("model.pt"), "weights " + run),
                    FileTime.from(started));
            if (i % 10 != 0) {
                Files.setLastModifiedTime(Files.writeString(folder.resolve("oss-agent-manifest.json"),
                        "{\"format\": \"oss-agent-manifest/1\", \"run\": \"" + run + "\", \"started\": \"" + started
                                + "\", \"files\": [{\"bucket\": \"" + CliFixture.MODEL_BUCKET + "\", \"key\": \"models/"
                                + run + "/model.pt\", \"size\": 11, \"crc64\": \"1\", \"sha256\": \"" + "0".repeat(64)
                                + "\"}]}"), FileTime.from(started.plusSeconds(5)));
            }
        }
        assertEquals(0, fixture.cli("list").code); // local-oss makes the dropped files' metadata once, untimed
    }

    @Test
    void manifestsAreReadInParallelAndBounded() throws Exception {
        fixture.server.faults().delayMillis(20);
        fixture.server.resetMaxConcurrentRequests();
        CliFixture.Run run = fixture.cli("list", "--runs");
        assertEquals(0, run.code, run.toString());
        assertTrue(run.out.contains(RUNS + " runs under " + CliFixture.MODEL_BUCKET + "/models/: 108 complete, 12 not"),
                run.out);
        List<String> rows = rows(run);
        assertEquals(RUNS, rows.size(), run.out);
        assertTrue(rows.get(0).startsWith("run-001 "), "oldest first: " + rows.get(0));
        assertTrue(rows.get(RUNS - 1).startsWith("run-120 "), rows.get(RUNS - 1));
        int most = fixture.server.maxConcurrentRequests();
        assertTrue(most > 4, "manifests read one after another: at most " + most + " requests at once");
        assertTrue(most <= ManifestReads.READERS, "unbounded: " + most + " requests at once");
    }

    @Test
    void limitShowsTheNewestRunsAndReadsOnlyTheirManifests() throws Exception {
        long before = fixture.server.requestCount();
        CliFixture.Run run = fixture.cli("list", "--runs", "--limit", "5");
        assertEquals(0, run.code, run.toString());
        List<String> rows = rows(run);
        assertEquals(List.of("run-116", "run-117", "run-118", "run-119", "run-120"), names(rows), run.out);
        assertTrue(rows.get(4).contains("INCOMPLETE"), rows.get(4));
        assertTrue(run.out.contains("5 newest runs under"), run.out);
        // one listing page (240 keys) and the four manifests of the newest five runs
        assertEquals(1 + 4, fixture.server.requestCount() - before, fixture.server.requestLog().toString());
    }

    @Test
    void limitGoesWithRunsOnlyAndMustBePositive() throws Exception {
        assertEquals(ExitCodes.USAGE, fixture.cli("list", "--limit", "5").code);
        CliFixture.Run zero = fixture.cli("list", "--runs", "--limit", "0");
        assertEquals(ExitCodes.USAGE, zero.code);
        assertTrue(zero.err.contains("--limit=0 must be 1 or more"), zero.err);
    }

    private static List<String> rows(CliFixture.Run run) {
        List<String> rows = new ArrayList<>();
        for (String line : run.out.split("\n")) {
            if (line.startsWith("run-")) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static List<String> names(List<String> rows) {
        List<String> names = new ArrayList<>();
        for (String row : rows) {
            names.add(row.substring(0, row.indexOf(' ')));
        }
        return names;
    }
}
