package dev.ossagent.localoss;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams a request body to a file (or a region of one) through one fixed-size buffer (GiB uploads with a small heap),
 * hashing what is stored (MD5 for the ETag, CRC64 for x-oss-hash-crc64ecma) on the way.
 */
final class BodyReceiver {
    static final int BUFFER_SIZE = 64 * 1024;

    /** What was stored, and the MD5 of what was received (differs only when corrupted). */
    static final class Received {
        long size;
        byte[] storedMd5;
        byte[] receivedMd5;
        Crc64 crc = new Crc64();

        String etag() {
            return Hmac.hex(storedMd5).toUpperCase(java.util.Locale.ROOT);
        }
    }

    private final AtomicLong bytesReceived;
    private final BandwidthCap cap;

    BodyReceiver(AtomicLong bytesReceived, BandwidthCap cap) {
        this.bytesReceived = bytesReceived;
        this.cap = cap;
    }

    /**
     * @param corrupt    flip the first stored byte
     * @param dropAfter  drop the connection after this many body bytes; negative for never
     */
    Received receive(InputStream in, OutputStream out, boolean corrupt, long dropAfter) throws IOException {
        Received r = new Received();
        MessageDigest stored = md5();
        MessageDigest received = corrupt ? md5() : stored;
        byte[] buf = new byte[BUFFER_SIZE];
        try (out) {
            while (true) {
                int want = buf.length;
                if (dropAfter >= 0) {
                    if (r.size >= dropAfter) {
                        throw new DropConnection();
                    }
                    want = (int) Math.min(want, dropAfter - r.size);
                }
                int n = in.read(buf, 0, want);
                if (n < 0) {
                    break;
                }
                cap.take(n);
                bytesReceived.addAndGet(n);
                if (corrupt) {
                    received.update(buf, 0, n);
                    if (r.size == 0 && n > 0) {
                        buf[0] ^= (byte) 0xFF;
                    }
                }
                stored.update(buf, 0, n);
                r.crc.update(buf, 0, n);
                out.write(buf, 0, n);
                r.size += n;
            }
        }
        r.storedMd5 = stored.digest();
        r.receivedMd5 = corrupt ? received.digest() : r.storedMd5;
        return r;
    }

    void countBytes(long n) {
        bytesReceived.addAndGet(n);
    }

    /** Reads and discards the rest of a body so that an error answer reaches the client intact. */
    void drain(InputStream in) {
        byte[] buf = new byte[BUFFER_SIZE];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                bytesReceived.addAndGet(n);
            }
        } catch (IOException ignored) {
            // The client gave up; nothing left to protect.
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
