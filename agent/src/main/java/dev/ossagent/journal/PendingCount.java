package dev.ossagent.journal;

import dev.ossagent.log.AgentLog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many files wait in the journal: premain asks, so this lists one folder and parses nothing. */
public final class PendingCount {
    private PendingCount() {
    }

    /** Says how many files earlier runs left in the journal, and the command that finishes them. */
    public static void announce(Path stateDir, Path settingsFile) {
        int files = files(stateDir);
        if (files > 0) {
            AgentLog.info(files + " file(s) from earlier runs wait in the upload journal " + stateDir.resolve("journal")
                    + "; finish them with: " + ResumeHint.command(settingsFile, stateDir));
        }
    }

    public static int files(Path stateDir) {
        Path dir = stateDir.resolve("journal");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int count = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.f*.pending")) {
            for (Path ignored : stream) {
                count++;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return count;
    }
}
