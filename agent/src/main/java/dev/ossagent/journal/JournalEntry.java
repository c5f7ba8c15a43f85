package dev.ossagent.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/**
 * One file of a journaled plan: where it is, the object it becomes, and its size and modification time when
 * planned (-1 when unknown), so a later upload can say that the file is no longer what the plan saw.
 */
public final class JournalEntry {
    private final int index;
    private final Path path;
    private final String bucket;
    private final String key;
    private final long size;
    private final long modifiedMillis;

    public JournalEntry(int index, Path path, String bucket, String key, long size) {
        this(index, path, bucket, key, size, -1);
    }

    public JournalEntry(int index, Path path, String bucket, String key, long size, long modifiedMillis) {
        this.index = index;
        this.path = path;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
        this.modifiedMillis = modifiedMillis;
    }

    /** The same file sent to another object. */
    public JournalEntry withObject(String newBucket, String newKey) {
        return new JournalEntry(index, path, newBucket, newKey, size, modifiedMillis);
    }

    public int index() { return index; }
    public Path path() { return path; }
    public String bucket() { return bucket; }
    public String key() { return key; }
    public long size() { return size; }
    public long modifiedMillis() { return modifiedMillis; }

    Properties toProperties() {
        Properties values = new Properties();
        values.setProperty("path", path.toString());
        values.setProperty("bucket", bucket);
        values.setProperty("key", key);
        values.setProperty("size", Long.toString(size));
        values.setProperty("modified", Long.toString(modifiedMillis));
        return values;
    }

    static JournalEntry fromProperties(int index, Properties values, Path file) throws IOException {
        try {
            return new JournalEntry(index, Paths.get(PropertiesFiles.required(values, "path", file)),
                    PropertiesFiles.required(values, "bucket", file), PropertiesFiles.required(values, "key", file),
                    Long.parseLong(PropertiesFiles.required(values, "size", file)),
                    Long.parseLong(values.getProperty("modified", "-1")));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a journal entry: " + e.getMessage());
        }
    }
}
