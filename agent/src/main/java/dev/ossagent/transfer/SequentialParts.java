package dev.ossagent.transfer;

import dev.ossagent.failure.LocalFileGone;
import dev.ossagent.integrity.Crc64;
import dev.ossagent.integrity.FileDigest;
import dev.ossagent.integrity.FileVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;

/**
 * Reads an opened file version part after part, in file order, each byte once: into a part buffer, through the
 * SHA-256 of the whole file and the CRC64 of its part while the bytes are still in the CPU's cache. The part
 * senders then send the buffers; nothing reads the file a second time.
 */
final class SequentialParts {
    /** Read and hashed at a time: small enough to stay in a core's cache between the read and the hashes. */
    static final int CHUNK = 256 * 1024;

    private final FileVersion version;
    private final long partSize;
    private final MessageDigest sha256 = FileDigest.sha256();
    private int next = 1;

    SequentialParts(FileVersion version, long partSize) {
        this.version = version;
        this.partSize = partSize;
    }

    /** The length of part {@code number}. */
    int length(int number) {
        return (int) PartSizes.length(version.snapshot.size, partSize, number);
    }

    /**
     * Reads the next part into {@code buffer}.
     *
     * @return its CRC64
     * @throws FileChanged when the file became shorter (rewritten in place)
     */
    long readNext(byte[] buffer) {
        long offset = (next - 1) * partSize;
        int length = length(next++);
        long crc = 0;
        try {
            for (int at = 0; at < length; ) {
                int n = version.read(ByteBuffer.wrap(buffer, at, Math.min(CHUNK, length - at)), offset + at);
                if (n <= 0) {
                    String torn = version.tornBy();
                    throw torn != null ? new FileChanged(torn)
                            : new UncheckedIOException(new IOException(version.path() + " became shorter while it was being read"));
                }
                crc = Crc64.update(crc, buffer, at, n);
                sha256.update(buffer, at, n);
                at += n;
            }
        } catch (NoSuchFileException e) {
            throw new LocalFileGone(version.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + version.path(), e);
        }
        return crc;
    }

    /** Once every part is read. */
    byte[] sha256() {
        return sha256.digest();
    }
}
