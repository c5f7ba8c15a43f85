package dev.ossagent.integrity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * Identity (file key: device and inode where the platform has one), size and modification time of a local file:
 * taken before and after an upload to see whether it changed, or was replaced by a rename.
 */
public final class FileSnapshot {
    public final long size;
    final FileTime modified;
    /** Null where the platform has no file keys. */
    final Object key;

    private FileSnapshot(long size, FileTime modified, Object key) {
        this.size = size;
        this.modified = modified;
        this.key = key;
    }

    /** @throws java.nio.file.NoSuchFileException when the file is gone */
    public static FileSnapshot of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new FileSnapshot(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    }

    public long modifiedMillis() {
        return modified.toMillis();
    }

    /** Whether both describe the same file (unknown keys count as the same). */
    boolean sameFile(FileSnapshot other) {
        return key == null || other.key == null || Objects.equals(key, other.key);
    }

    public boolean sameAs(FileSnapshot other) {
        return sameFile(other) && size == other.size && modified.equals(other.modified);
    }

    /** Null when {@code now} is the same version; otherwise only the values that differ, e.g. for a log line. */
    public String changeTo(FileSnapshot now) {
        if (!sameFile(now)) {
            return "replaced by another file (renamed over it)";
        }
        StringBuilder text = new StringBuilder();
        if (size != now.size) {
            text.append("size ").append(size).append(" -> ").append(now.size).append(" bytes");
        }
        if (!modified.equals(now.modified)) {
            text.append(text.length() > 0 ? ", " : "").append("modified ").append(modified).append(" -> ")
                    .append(now.modified);
        }
        return text.length() == 0 ? null : text.toString();
    }
}
