package dev.ossagent.plan;

import dev.ossagent.journal.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Whether a file is still what its plan saw (size and modification time): a plan resumed days later may find
 * a newer version, which is uploaded as it is now, but never without saying so.
 */
public final class PlannedVersion {
    private PlannedVersion() {
    }

    /** Null when unchanged (or the plan recorded no time, or the file is gone); otherwise what changed. */
    public static String change(JournalEntry entry) {
        if (entry.modifiedMillis() < 0) {
            return null;
        }
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(entry.path(), BasicFileAttributes.class);
        } catch (IOException e) {
            return null; // a vanished file is reported where it is sent
        }
        long modified = now.lastModifiedTime().toMillis();
        if (now.size() == entry.size() && modified == entry.modifiedMillis()) {
            return null;
        }
        return entry.path() + " changed since it was planned (" + entry.size() + " bytes modified "
                + time(entry.modifiedMillis()) + ", now " + now.size() + " bytes modified " + time(modified)
                + "); uploading it as it is now";
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
