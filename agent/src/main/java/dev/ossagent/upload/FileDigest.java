package dev.ossagent.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a local file for the manifest, and its CRC-64/ECMA (what OSS reports as x-oss-hash-crc64ecma),
 * which the object must equal to be verified; one pass through one fixed buffer.
 * A PutObject needs no pass of its own ({@link FileSlice} hashes what it sends); a multipart upload takes each
 * part's CRC64 as it sends it and reads the file once more for the SHA-256 alone, in file order, while its parts go
 * out in parallel (from the page cache, as a rule: the parts were just read).
 */
public final class FileDigest {
    private static final int BUFFER = 256 * 1024;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** 0 unless asked for. */
    final long crc64;
    final String sha256;

    private FileDigest(long crc64, String sha256) {
        this.crc64 = crc64;
        this.sha256 = sha256;
    }

    FileDigest(long crc64, byte[] sha256) {
        this(crc64, hex(sha256));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** With {@code md5} (may be null) fed in the same pass, to compare with a PutObject's ETag. */
    static FileDigest of(Path path, MessageDigest md5) throws IOException {
        Crc64 crc = new Crc64();
        MessageDigest sha = sha256();
        read(path, crc, sha, md5);
        return new FileDigest(crc.value(), sha.digest());
    }

    /** The SHA-256 of the file. */
    static byte[] sha256Of(Path path) throws IOException {
        MessageDigest sha = sha256();
        read(path, null, sha, null);
        return sha.digest();
    }

    /** One pass through the file into each of the hashes given (crc and md5 may be null). */
    private static void read(Path path, Crc64 crc, MessageDigest sha, MessageDigest md5) throws IOException {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (crc != null) {
                    crc.update(buffer, 0, n);
                }
                sha.update(buffer, 0, n);
                if (md5 != null) {
                    md5.update(buffer, 0, n);
                }
            }
        }
    }

    public static String hex(byte[] bytes) {
        char[] text = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            text[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            text[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(text);
    }
}
