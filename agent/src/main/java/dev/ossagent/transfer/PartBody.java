package dev.ossagent.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * A part already read into memory, as a request body: written to the connection in {@link FileSlice#BLOCK}s
 * ({@link RequestBody}), or read as a markable stream when the SDK sends it itself. Each block waits for the
 * session's bandwidth cap and counts as sent; a part sent again is sent from the same bytes, not read again.
 */
final class PartBody extends InputStream implements RequestBody {
    private final byte[] bytes;
    private final int length;
    private final BandwidthCap cap;
    private final LongConsumer sent;
    private int position;
    private int mark;
    /** Bytes [0, handedOn) have been paced and counted. */
    private int handedOn;

    PartBody(byte[] bytes, int length, BandwidthCap cap, LongConsumer sent) {
        this.bytes = bytes;
        this.length = length;
        this.cap = cap;
        this.sent = sent;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        for (int at = 0; at < length; ) {
            int n = Math.min(FileSlice.BLOCK, length - at);
            cap.take(n);
            out.write(bytes, at, n);
            sent.accept(n);
            at += n;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (position >= length) {
            return -1;
        }
        int n = Math.min(len, length - position);
        if (position + n > handedOn) {
            // Pace and count a block at a time, once, as the SDK reads past what it read before.
            int block = Math.min(FileSlice.BLOCK, length - handedOn);
            cap.take(block);
            sent.accept(block);
            handedOn += block;
            n = Math.min(n, handedOn - position);
        }
        System.arraycopy(bytes, position, buffer, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return length - position;
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
}
