package dev.ossagent.cli;

import dev.ossagent.log.JsonLine;
import dev.ossagent.log.Sizes;
import dev.ossagent.manifest.StoredManifest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary table of {@code download}, and its exit code: the first failure of a specific kind (2-11), else 1.
 * With {@code --json}, one JSON object per file instead, with the events file's field names (docs/cli-json.md).
 */
final class DownloadReport {
    private final TextTable table = new TextTable(new String[] {"FILE", "SIZE", "STATUS"},
            new boolean[] {false, true, false});
    private final boolean json;
    private final String run;
    private final Path dir;
    private final List<JsonLine> rows = new ArrayList<>();
    private int files;
    private int fetched;
    private int alreadyThere;
    private long received;
    private int exitCode = ExitCodes.OK;

    DownloadReport(boolean json, String run, Path dir) {
        this.json = json;
        this.run = run;
        this.dir = dir;
    }

    void fetched(String name, StoredManifest.Entry entry, long bytes, String note) {
        rows.add(row("verified", name, entry).put("unchanged", false));
        files++;
        fetched++;
        received += bytes;
        table.add(name, Long.toString(entry.size), "ok, verified" + (note.isEmpty() ? "" : " (" + note + ")"));
    }

    void alreadyThere(String name, StoredManifest.Entry entry) {
        rows.add(row("verified", name, entry).put("unchanged", true));
        files++;
        alreadyThere++;
        table.add(name, Long.toString(entry.size), "ok, already there");
    }

    void failed(String name, StoredManifest.Entry entry, int code) {
        rows.add(row("failed", name, entry).put("failure", new JsonLine()
                .put("kind", ExitCodes.shortName(code).replace(' ', '-')).put("exitCode", code)));
        files++;
        table.add(name, entry.size < 0 ? "-" : Long.toString(entry.size), "FAILED: " + ExitCodes.shortName(code));
        if (exitCode == ExitCodes.OK || (exitCode == ExitCodes.FAILED && code != ExitCodes.FAILED)) {
            exitCode = code;
        }
    }

    /** A preempted run: its manifest lists files that never reached OSS, so the run is not whole. */
    void preempted(int missing) {
        rows.add(new JsonLine().put("status", "preempted").put("run", run).put("missing", missing));
        table.add("(preempted)", "-", "FAILED: " + ExitCodes.shortName(ExitCodes.MISSING));
        if (exitCode == ExitCodes.OK || exitCode == ExitCodes.FAILED) {
            exitCode = ExitCodes.MISSING;
        }
    }

    private JsonLine row(String status, String name, StoredManifest.Entry entry) {
        return new JsonLine().put("status", status).put("run", run).put("path", dir.resolve(name).toString())
                .put("bucket", entry.bucket).put("key", entry.key).put("size", entry.size)
                .put("crc64", Long.toUnsignedString(entry.crc64)).put("sha256", entry.sha256);
    }

    int exitCode() {
        return exitCode;
    }

    void print(PrintStream out, String run, Path dir) {
        if (json) {
            rows.forEach(out::println);
            return;
        }
        table.print(out);
        out.println((fetched + alreadyThere) + " of " + Plural.of(files, "file") + " of run " + run + " in " + dir
                + ", each verified against the manifest's size, CRC64 and SHA-256 (" + alreadyThere
                + " already there; " + Sizes.human(received) + " received)");
    }
}
