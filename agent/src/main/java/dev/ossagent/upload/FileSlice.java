package dev.ossagent.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exactly {@code length} bytes of a file from {@code offset}, as a request body. A file cut shorter while
 * it is read (a trainer rewriting it in place) ends the request at once with an IOException, instead of a
 * body shorter than its Content-Length that leaves both ends waiting for the socket timeout. Markable
 * by file position, so the SDK uses it as it is, without a buffer of its own.
 */
final class FileSlice extends InputStream {
    private final Path path;
    private final FileChannel channel;
    private final long end;
    private long position;
    private long mark;

    FileSlice(Path path, long offset, long length) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.position = offset;
        this.mark = offset;
        this.end = offset + length;
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
        int n = channel.read(ByteBuffer.wrap(buffer, off, (int) Math.min(len, end - position)), position);
        if (n < 0) {
            throw new IOException(path + " became shorter while it was being sent");
        }
        position += n;
        return n;
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

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
