package dev.ossagent.instrument;

import dev.ossagent.journal.OwnerCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Reads one weave cache entry so that a folder swapped after the state dir was checked is noticed: the
 * folder must be the very one checked (same inode, same real path, before and after the read), and the
 * entry a regular file of this user's that nobody else may write, opened without following links, and the
 * same file (same inode) after the read as before. The HMAC ({@link CacheSecret}) covers what a race could still slip past.
 */
final class EntryFile {
    private EntryFile() {
    }

    /** The entry's bytes, or null when it is missing, too big, or not trustworthy. */
    /** The folder's identity (inode) when it was checked: compared before each read. */
    static Object folderKey(Path folder) throws IOException {
        return Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** @param folderKey the checked folder's {@link #folderKey}: another folder in its place is a miss */
    static byte[] read(Path checkedFolder, Object folderKey, String name, int maxBytes) throws IOException {
        if (!Objects.equals(folderKey(checkedFolder), folderKey)) {
            return null; // not the folder that was checked
        }
        Path entry = checkedFolder.resolve(name);
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!before.isRegularFile() || before.size() > maxBytes || OwnerCheck.forThisUser().problem(entry) != null) {
            return null;
        }
        byte[] bytes;
        try (FileChannel in = FileChannel.open(entry, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) before.size());
            while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                // reads the whole entry, never more than its checked size
            }
            if (buffer.hasRemaining() || in.size() != before.size()) {
                return null;
            }
            bytes = buffer.array();
        }
        BasicFileAttributes after = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!checkedFolder.toRealPath().equals(checkedFolder) || !Objects.equals(folderKey(checkedFolder), folderKey)
                || !Objects.equals(before.fileKey(), after.fileKey())) {
            return null; // swapped while being read
        }
        return bytes;
    }
}
