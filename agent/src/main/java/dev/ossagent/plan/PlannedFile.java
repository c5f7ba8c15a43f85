package dev.ossagent.plan;

import java.nio.file.Path;

/** One local file and the object it becomes. */
public final class PlannedFile {
    private final Path path;
    private final String bucket;
    private final String key;
    private final long size;

    public PlannedFile(Path path, String bucket, String key, long size) {
        this.path = path;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
    }

    public Path path() { return path; }
    public String bucket() { return bucket; }
    public String key() { return key; }
    public long size() { return size; }

    /** {@code bucket/key}, as the log shows objects. */
    public String objectName() {
        return bucket + "/" + key;
    }
}
