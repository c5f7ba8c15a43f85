package dev.ossagent.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ossagent.journal.JournalEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannedVersionTest {
    @TempDir
    Path dir;

    @Test
    void aSaveWithinTheSameSecondShowsTheMillisecondsThatDifferAndNotTheSameSize() throws Exception {
        Path file = Files.write(dir.resolve("ckpt.bin"), new byte[5_242_880]);
        long planned = 1_796_528_367_120L; // 03:39:27.120Z
        Files.setLastModifiedTime(file, FileTime.fromMillis(planned + 650));
        JournalEntry entry = new JournalEntry(1, file, "b", "k", 5_242_880, planned);

        assertEquals(file + " changed since it was planned (modified 2026-12-06T03:39:27.120Z -> 2026-12-06T03:39:27.770Z);"
                + " uploading it as it is now", PlannedVersion.change(entry));
    }

    @Test
    void theSameFileIsNoChange() throws Exception {
        Path file = Files.write(dir.resolve("ckpt.bin"), new byte[10]);
        long modified = Files.getLastModifiedTime(file).toMillis();
        assertNull(PlannedVersion.change(new JournalEntry(1, file, "b", "k", 10, modified)));
    }
}
