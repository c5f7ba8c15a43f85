package dev.ossagent.cli;

import dev.ossagent.log.Sizes;
import java.io.PrintStream;
import java.nio.file.Path;

/** The summary table of {@code download}, and its exit code: the first failure of a specific kind (2-11), else 1. */
final class DownloadReport {
    private final TextTable table = new TextTable(new String[] {"FILE", "SIZE", "STATUS"},
            new boolean[] {false, true, false});
    private int files;
    private int fetched;
    private int alreadyThere;
    private long received;
    private int exitCode = ExitCodes.OK;

    void fetched(String name, long size, long bytes, String note) {
        files++;
        fetched++;
        received += bytes;
        table.add(name, Long.toString(size), "ok, verified" + (note.isEmpty() ? "" : " (" + note + ")"));
    }

    void alreadyThere(String name, long size) {
        files++;
        alreadyThere++;
        table.add(name, Long.toString(size), "ok, already there");
    }

    void failed(String name, long size, int code) {
        files++;
        table.add(name, size < 0 ? "-" : Long.toString(size), "FAILED: " + ExitCodes.shortName(code));
        if (exitCode == ExitCodes.OK || (exitCode == ExitCodes.FAILED && code != ExitCodes.FAILED)) {
            exitCode = code;
        }
    }

    int exitCode() {
        return exitCode;
    }

    void print(PrintStream out, String run, Path dir) {
        table.print(out);
        out.println((fetched + alreadyThere) + " of " + files + " files of run " + run + " in " + dir
                + ", each verified against the manifest's size, CRC64 and SHA-256 (" + alreadyThere
                + " already there; " + Sizes.human(received) + " received)");
    }
}
