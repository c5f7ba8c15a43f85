package dev.ossagent.integrity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The CRC-64/ECMA and SHA-256 of bytes fed in order, and an MD5 alongside when one is asked for: the one read
 * loop behind a file's digest for uploads, downloads and the weave cache.
 */
public final class IncrementalDigest {
    private static final int BUFFER = 256 * 1024;

    private final boolean withCrc;
    private final MessageDigest md5;
    private long crc64;
    private MessageDigest sha = FileDigest.sha256();
    private byte[] sha256;

    private IncrementalDigest(boolean withCrc, MessageDigest md5) {
        this.withCrc = withCrc;
        this.md5 = md5;
    }

    /** CRC64 and SHA-256. */
    public static IncrementalDigest crcAndSha256() {
        return new IncrementalDigest(true, null);
    }

    /** The SHA-256 alone (crc64() stays 0). */
    public static IncrementalDigest sha256Only() {
        return new IncrementalDigest(false, null);
    }

    /** CRC64 and SHA-256, and {@code md5} (may be null) fed in the same pass. */
    static IncrementalDigest withMd5(MessageDigest md5) {
        return new IncrementalDigest(true, md5);
    }

    public void update(byte[] bytes, int off, int len) {
        if (withCrc) {
            crc64 = Crc64.update(crc64, bytes, off, len);
        }
        sha.update(bytes, off, len);
        if (md5 != null) {
            md5.update(bytes, off, len);
        }
    }

    /** Feeds the whole file, through one fixed buffer. */
    public IncrementalDigest addFile(Path file, OpenOption... options) throws IOException {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file, options)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                update(buffer, 0, n);
            }
        }
        return this;
    }

    /** Starts again from no bytes. */
    public void reset() {
        crc64 = 0;
        sha = FileDigest.sha256();
        sha256 = null;
    }

    public long crc64() {
        return crc64;
    }

    /** Once all bytes are in. */
    public byte[] sha256() {
        if (sha256 == null) {
            sha256 = sha.digest();
        }
        return sha256.clone();
    }

    public String sha256Hex() {
        return FileDigest.hex(sha256());
    }
}
