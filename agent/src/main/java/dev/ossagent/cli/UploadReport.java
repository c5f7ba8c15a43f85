package dev.ossagent.cli;

import dev.ossagent.failure.FailureKind;
import dev.ossagent.journal.UploadedFile;
import dev.ossagent.log.JsonLine;
import dev.ossagent.log.Sizes;
import dev.ossagent.plan.PlannedFile;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary table of {@code upload}, and its exit code: the first failure of a specific kind (2-8), else 1. With
 * {@code --json}, one JSON object per file instead, with the events file's field names (docs/cli-json.md).
 */
final class UploadReport {
    private final boolean json;
    private final List<JsonLine> rows = new ArrayList<>();
    private final TextTable table = new TextTable(
            new String[] {"FILE", "OBJECT", "SIZE", "SECONDS", "MB/S", "STATUS"},
            new boolean[] {false, false, true, true, true, false});
    private int files;
    private int uploaded;
    private long bytes;
    private double seconds;
    private int exitCode = ExitCodes.OK;

    UploadReport(boolean json) {
        this.json = json;
    }

    void uploaded(PlannedFile file, UploadedFile result, double took) {
        rows.add(row("verified", file).put("crc64", result.crc64()).put("sha256", result.sha256())
                .seconds("seconds", took).put("unchanged", result.skipped()));
        files++;
        uploaded++;
        bytes += file.size();
        seconds += took;
        table.add(file.path().toString(), file.objectName(), Sizes.human(file.size()), secs(took),
                mbps(file.size(), took), "ok");
    }

    void failed(PlannedFile file, double took, int code, RuntimeException e) {
        rows.add(row("failed", file).seconds("seconds", took).put("failure", new JsonLine()
                .put("kind", FailureKind.of(e)).put("code", FailureKind.code(e)).put("exitCode", code)));
        files++;
        seconds += took;
        table.add(file.path().toString(), file.objectName(), Sizes.human(file.size()), secs(took), "-",
                "FAILED: " + ExitCodes.shortName(code));
        fail(code);
    }

    void notSent(PlannedFile file) {
        rows.add(row("not-sent", file));
        files++;
        table.add(file.path().toString(), file.objectName(), Sizes.human(file.size()), "-", "-",
                "not sent (see the error above)");
        fail(ExitCodes.FAILED);
    }

    void missing(String path) {
        rows.add(new JsonLine().put("status", "missing").put("path", path));
        files++;
        table.add(path, "-", "-", "-", "-", "MISSING: no such file or folder");
        fail(ExitCodes.FAILED);
    }

    private void fail(int code) {
        if (exitCode == ExitCodes.OK || (exitCode == ExitCodes.FAILED && code != ExitCodes.FAILED)) {
            exitCode = code;
        }
    }

    int exitCode() {
        return exitCode;
    }

    private static JsonLine row(String status, PlannedFile file) {
        return new JsonLine().put("status", status).put("path", file.path().toString()).put("bucket", file.bucket())
                .put("key", file.key()).put("size", file.size());
    }

    void print(PrintStream out) {
        if (json) {
            rows.forEach(out::println);
            return;
        }
        table.print(out);
        out.println(uploaded + " of " + files + " files uploaded, " + Sizes.human(bytes) + " in " + secs(seconds)
                + " s (" + Sizes.rate(bytes, seconds) + ")");
    }

    private static String secs(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    private static String mbps(long size, double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds <= 0 ? 0.0 : size / seconds / 1_000_000.0);
    }
}
