package dev.ossagent.plan;

import dev.ossagent.journal.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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
        // Only what differs, to the millisecond: two saves within one second differ in their milliseconds.
        StringBuilder what = new StringBuilder();
        if (now.size() != entry.size()) {
            what.append("size ").append(entry.size()).append(" -> ").append(now.size()).append(" bytes");
        }
        if (modified != entry.modifiedMillis()) {
            what.append(what.length() > 0 ? ", " : "").append("modified ").append(time(entry.modifiedMillis()))
                    .append(" -> ").append(time(modified));
        }
        return entry.path() + " changed since it was planned (" + what + "); uploading it as it is now";
    }

    /** To the millisecond, always with three digits: 03:39:27.000Z, not 03:39:27Z. */
    private static String time(long millis) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(millis));
    }
}
