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

    /**
     * Says how many files earlier runs left in the journal, and the command that finishes them. Nothing when
     * the state dir may not be used: the first upload says why, once.
     */
    public static void announce(StateDir stateDir, Path settingsFile) {
        Path path = stateDir.path();
        if (path == null || !Files.isDirectory(path.resolve("journal")) || !stateDir.usable()) {
            return;
        }
        int files = files(path);
        if (files > 0) {
            AgentLog.info(files + " file(s) from earlier runs wait in the upload journal " + path.resolve("journal")
                    + "; finish them with: " + ResumeHint.command(settingsFile, path));
        }
    }

    public static int files(Path stateDir) {
        if (stateDir == null) {
            return 0;
        }
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
