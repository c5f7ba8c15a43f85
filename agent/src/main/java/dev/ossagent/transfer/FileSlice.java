package dev.ossagent.transfer;

import dev.ossagent.integrity.Crc64;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import dev.ossagent.integrity.FileVersion;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * Exactly {@code length} bytes of an opened file version from {@code offset}, as a request body; it reads
 * positionally through the version's one channel, so every request of an upload reads the same file. A file cut shorter while
 * it is read (a trainer rewriting it in place) ends the request at once with an IOException, instead of a
 * body shorter than its Content-Length that leaves both ends waiting for the socket timeout. Markable
 * by file position, so the SDK uses it as it is, without a buffer of its own; and a {@link RequestBody}, which
 * {@link DirectBodies} writes to the connection block by block without the SDK's copies.
 *
 * <p>Reads the file in large blocks: the SDK asks for 2 KiB at a time, and one system call per 2 KiB
 * cost about a second of CPU per GiB. Each block is hashed as it is read, once even when the SDK resets
 * and sends it again: the CRC64 of the slice, and (when given one) a SHA-256 of the whole file, so no byte
 * of an upload is read twice for its checks.
 *
 * <p>With {@code checkVersion}, the block holding the slice's last byte is read and then the version is checked
 * before any of it is handed on: a file rewritten in place ends the request before its last byte (a PutObject
 * whose body never ends is never stored), so a torn body cannot replace a good object.
 */
final class FileSlice extends InputStream implements RequestBody {
    static final int BLOCK = 128 * 1024;

    private final FileVersion file;
    private final boolean checkVersion;
    /** What changed when the version check failed; null otherwise. */
    private volatile String torn;
    private final long start;
    private final long end;
    private final ByteBuffer block;
    /** Told the bytes handed on: each block as it is written, or as it is first read through the stream. */
    private final LongConsumer sent;
    private final MessageDigest sha256;
    private final BandwidthCap cap;
    /** Bytes [offset, hashedTo) have gone into crc64 (and sha256). */
    private long hashedTo;
    private long crc64;
    /** File position of block's first byte; the block holds [blockStart, blockStart + block.limit()). */
    private long blockStart;
    private long position;
    private long mark;

    FileSlice(FileVersion file, long offset, long length) {
        this(file, offset, length, null, BandwidthCap.NONE, false, bytes -> { });
    }

    /**
     * @param sha256 fed with every byte of the slice in order; null for none
     * @param cap    paces the reads (and so the request) to the session's bandwidth cap
     * @param checkVersion whether the file must still be the opened version before the last byte is handed on
     * @param sent   told the bytes handed on (the request's progress)
     */
    FileSlice(FileVersion file, long offset, long length, MessageDigest sha256, BandwidthCap cap,
              boolean checkVersion, LongConsumer sent) {
        this.sent = sent;
        this.start = offset;
        this.file = file;
        this.checkVersion = checkVersion;
        this.sha256 = sha256;
        this.cap = cap;
        this.block = ByteBuffer.allocate((int) Math.max(1, Math.min(BLOCK, length)));
        this.hashedTo = offset;
        this.position = offset;
        this.mark = offset;
        this.end = offset + length;
        this.block.limit(0);
        this.blockStart = offset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (position >= end) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (position < blockStart || position >= blockStart + block.limit()) {
            long firstTime = fill();
            sent.accept(firstTime);
        }
        int inBlock = (int) (position - blockStart);
        int n = Math.min(len, block.limit() - inBlock);
        System.arraycopy(block.array(), inBlock, buffer, off, n);
        position += n;
        return n;
    }

    @Override
    public long length() {
        return end - start;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        position = start;
        while (position < end) {
            fill();
            out.write(block.array(), 0, block.limit());
            position += block.limit();
            sent.accept(block.limit());
        }
    }

    /**
     * Reads the block that starts at {@code position}, at most up to the slice's end.
     *
     * @return how many of its bytes were read for the first time
     */
    private long fill() throws IOException {
        block.clear();
        block.limit((int) Math.min(block.capacity(), end - position));
        cap.take(block.limit());
        int n = file.read(block, position);
        if (n <= 0) {
            // Cut short in place (a trainer truncating and rewriting it): the version changed, say how.
            torn = file.tornBy();
            throw new IOException(file.path() + " became shorter while it was being sent"
                    + (torn == null ? "" : " (" + torn + ")"));
        }
        if (checkVersion && position + n >= end) {
            String change = file.tornBy();
            if (change != null) {
                torn = change;
                throw new IOException(file.path() + " changed while it was being sent (" + change + ")");
            }
        }
        block.flip();
        blockStart = position;
        long blockEnd = blockStart + block.limit();
        if (blockEnd <= hashedTo) {
            return 0;
        }
        int from = (int) (hashedTo - blockStart);
        crc64 = Crc64.update(crc64, block.array(), from, block.limit() - from);
        if (sha256 != null) {
            sha256.update(block.array(), from, block.limit() - from);
        }
        hashedTo = blockEnd;
        return block.limit() - from;
    }

    /** Whether every byte of the slice has been read (and hashed). */
    boolean fullyRead() {
        return hashedTo == end;
    }

    /** The CRC64 of the bytes of the slice read so far; all of them once {@link #fullyRead()}. */
    long crc64() {
        return crc64;
    }

    /** What changed in the file when the request was ended before its last byte; null when it was not. */
    String torn() {
        return torn;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readLimit) {
        mark = position;
    }

    @Override
    public synchronized void reset() {
        position = mark;
    }

    /** The channel belongs to the {@link FileVersion}, which outlives each request. */
    @Override
    public void close() {
    }
}
