package dev.ossagent.integrity;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.LongAdder;

/**
 * One version of a file, opened once for a whole upload: every part and every hash reads it positionally
 * through this one channel, so a trainer that saves by writing a temporary file and renaming it over the path
 * cannot mix two saves into one object (the opened file stays intact after the rename). A writer that rewrites
 * the file in place is seen by {@link #tornBy()}: the caller then abandons the upload instead of completing it.
 *
 * <p>All reads go through {@link #read}, so a later single sequential reader can hash once and hand its
 * buffers to the part senders without changing who may read the file.
 */
public final class FileVersion implements Closeable {
    private static final int OPEN_TRIES = 20;
    private static final int BUFFER = 256 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final LongAdder bytesRead = new LongAdder();
    /** The file as it was once opened; any later in-place write changes its size or modification time. */
    public final FileSnapshot snapshot;

    private FileVersion(Path path, FileChannel channel, FileSnapshot snapshot) {
        this.path = path;
        this.channel = channel;
        this.snapshot = snapshot;
    }

    /**
     * Opens the file at {@code path}. The snapshot is taken after opening, and only kept when the path still
     * names the opened file (a rename racing the open is tried again).
     *
     * @throws java.nio.file.NoSuchFileException when the file is gone
     */
    public static FileVersion open(Path path) throws IOException {
        for (int attempt = 1; ; attempt++) {
            FileSnapshot before = FileSnapshot.of(path);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            try {
                FileSnapshot after = FileSnapshot.of(path);
                if (before.sameFile(after) || attempt == OPEN_TRIES) {
                    FileVersion version = new FileVersion(path, channel, after);
                    channel = null;
                    return version;
                }
            } finally {
                if (channel != null) {
                    channel.close();
                }
            }
        }
    }

    public Path path() {
        return path;
    }

    /** Reads into {@code target} from {@code position} of the opened file; -1 at its end. */
    public int read(ByteBuffer target, long position) throws IOException {
        int n = channel.read(target, position);
        bytesRead.add(Math.max(0, n));
        return n;
    }

    /** Bytes read through this version so far, by every reader: what "each byte read once" is checked by. */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /**
     * Null while the opened version's bytes are unchanged: the path still names it with the same size and
     * modification time, or a rename replaced it at the path and its size is unchanged (a rename-writer never
     * writes into a file it renamed away). Otherwise the values that changed.
     *
     * @throws java.nio.file.NoSuchFileException when the path is gone
     */
    public String tornBy() throws IOException {
        FileSnapshot now = FileSnapshot.of(path);
        if (!snapshot.sameFile(now)) {
            long size = channel.size();
            return size == snapshot.size ? null : "size " + snapshot.size + " -> " + size + " bytes";
        }
        return snapshot.changeTo(now);
    }

    /** Whether the path now names another file than the opened one (a newer save renamed over it). */
    public boolean replaced() throws IOException {
        return !snapshot.sameFile(FileSnapshot.of(path));
    }

    /** The SHA-256 of the opened version, read in file order. */
    public byte[] sha256() throws IOException {
        IncrementalDigest digest = IncrementalDigest.sha256Only();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long position = 0;
        while (position < snapshot.size) {
            buffer.clear();
            buffer.limit((int) Math.min(BUFFER, snapshot.size - position));
            int n = read(buffer, position);
            if (n <= 0) {
                throw new IOException(path + " became shorter while it was being read");
            }
            digest.update(buffer.array(), 0, n);
            position += n;
        }
        return digest.sha256();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
