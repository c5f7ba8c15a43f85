package dev.ossagent.integrity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/** Size and modification time of a local file: taken before and after an upload to see whether it changed. */
public final class FileSnapshot {
    public final long size;
    final FileTime modified;

    private FileSnapshot(long size, FileTime modified) {
        this.size = size;
        this.modified = modified;
    }

    /** @throws java.nio.file.NoSuchFileException when the file is gone */
    public static FileSnapshot of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new FileSnapshot(attributes.size(), attributes.lastModifiedTime());
    }

    public long modifiedMillis() {
        return modified.toMillis();
    }

    public boolean sameAs(FileSnapshot other) {
        return size == other.size && modified.equals(other.modified);
    }
}
