package dev.ossagent.integrity;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a local file for the manifest, and its CRC-64/ECMA (what OSS reports as x-oss-hash-crc64ecma),
 * which the object must equal to be verified; one pass through one fixed buffer.
 * A PutObject needs no pass of its own (the transfer's FileSlice hashes what it sends); a multipart upload takes each
 * part's CRC64 as it sends it and reads the file once more for the SHA-256 alone, in file order, while its parts go
 * out in parallel (from the page cache, as a rule: the parts were just read).
 */
public final class FileDigest {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** 0 unless asked for. */
    public final long crc64;
    public final String sha256;

    private FileDigest(long crc64, String sha256) {
        this.crc64 = crc64;
        this.sha256 = sha256;
    }

    public FileDigest(long crc64, byte[] sha256) {
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
    public static FileDigest of(Path path, MessageDigest md5) throws IOException {
        IncrementalDigest digest = IncrementalDigest.withMd5(md5).addFile(path);
        return new FileDigest(digest.crc64(), digest.sha256());
    }

    /** The SHA-256 of the file. */
    public static byte[] sha256Of(Path path) throws IOException {
        return IncrementalDigest.sha256Only().addFile(path).sha256();
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
