package dev.ossagent.cli;

import dev.ossagent.log.Sizes;
import dev.ossagent.plan.PlannedFile;
import java.io.PrintStream;
import java.util.Locale;

/** The summary table of {@code upload}, and its exit code: the first failure of a specific kind (2-8), else 1. */
final class UploadReport {
    private final TextTable table = new TextTable(
            new String[] {"FILE", "OBJECT", "SIZE", "SECONDS", "MB/S", "STATUS"},
            new boolean[] {false, false, true, true, true, false});
    private int files;
    private int uploaded;
    private long bytes;
    private double seconds;
    private int exitCode = ExitCodes.OK;

    void uploaded(PlannedFile file, double took) {
        files++;
        uploaded++;
        bytes += file.size();
        seconds += took;
        table.add(file.path().toString(), file.objectName(), Sizes.human(file.size()), secs(took),
                mbps(file.size(), took), "ok");
    }

    void failed(PlannedFile file, double took, int code) {
        files++;
        seconds += took;
        table.add(file.path().toString(), file.objectName(), Sizes.human(file.size()), secs(took), "-",
                "FAILED: " + ExitCodes.shortName(code));
        fail(code);
    }

    void notSent(PlannedFile file) {
        files++;
        table.add(file.path().toString(), file.objectName(), Sizes.human(file.size()), "-", "-",
                "not sent (see the error above)");
        fail(ExitCodes.FAILED);
    }

    void missing(String path) {
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

    void print(PrintStream out) {
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
