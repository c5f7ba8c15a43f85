package dev.ossagent.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunIndexTest {
    private static final Instant T1 = Instant.parse("2026-11-29T01:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-29T02:00:00Z");

    @Test
    void runsAreListedUnderTheStaticPartOfThePrefix() {
        assertEquals("models/", RunPrefix.of("models/${run}/").base());
        assertEquals("models/run-", RunPrefix.of("models/run-${run}/").base());
        assertEquals("", RunPrefix.of("${run}/").base());
        assertEquals("models/", RunPrefix.of("models/").base());
        assertEquals("models/", RunPrefix.of("models").base(), "a final / is implied, as for uploads");
        assertEquals("models/r1/", RunPrefix.of("models\\${run}").folderOf("models/r1/a.pt"));
    }

    @Test
    void aRunFolderIsAsDeepAsThePlaceholders() {
        assertEquals("models/r1/", RunPrefix.of("models/${run}/").folderOf("models/r1/sub/a.pt"));
        assertEquals("models/2026-11-29/r1/", RunPrefix.of("models/${date}/${run}/").folderOf("models/2026-11-29/r1/a.pt"));
        assertNull(RunPrefix.of("models/${date}/${run}/").folderOf("models/2026-11-29/a.pt"));
        assertEquals("models/run-7/", RunPrefix.of("models/run-${run}/").folderOf("models/run-7/a.pt"));
        assertEquals("7", RunPrefix.of("models/run-${run}/").nameOf("models/run-7/"));
        assertEquals("models/r1/", RunPrefix.of("models/").folderOf("models/r1/a.pt"), "one folder below a fixed prefix");
        assertNull(RunPrefix.of("models/").folderOf("models/LATEST.json"));
    }

    @Test
    void manifestsMarkCompleteRunsAndFoldersWithoutOneAreIncomplete() {
        RunIndex index = new RunIndex(RunPrefix.of("models/${run}/"));
        index.add("models/a/model.pt", 100, T2);
        index.add("models/a/oss-agent-manifest.json", 900, T2);
        index.add("models/b/model.pt", 7, T2);
        index.add("models/b/sub/scaler.pkl", 3, T1);
        index.add("models/LATEST.json", 200, T2);
        index.add("models/c/deep/oss-agent-manifest.json", 900, T1);
        index.add("models/c/deep/x.pt", 5, T1);

        assertEquals(List.of("a", "c/deep"), index.manifests().stream().map(index::nameOf).collect(Collectors.toList()));
        assertEquals(List.of("models/a/", "models/c/deep/"),
                index.manifests().stream().map(m -> m.folder).collect(Collectors.toList()));
        List<StoredRun> incomplete = index.incomplete();
        assertEquals(1, incomplete.size(), "c holds a manifest below it; the pointer is no run");
        StoredRun b = incomplete.get(0);
        assertEquals("b", b.name);
        assertEquals(2, b.files);
        assertEquals(10, b.bytes);
        assertEquals(T1, b.time, "the oldest object");
        assertEquals(StoredRun.State.INCOMPLETE, b.state);

        StoredRun a = index.fromListing("a", index.manifests().get(0), StoredRun.State.UNREADABLE);
        assertEquals(1, a.files, "the manifest itself is not a file of the run");
        assertEquals(100, a.bytes);
    }
}
