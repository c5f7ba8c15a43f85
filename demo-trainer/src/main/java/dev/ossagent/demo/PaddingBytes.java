package dev.ossagent.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** Streams deterministic pseudo-random bytes (xorshift64*) through one fixed buffer, so gigabytes need no heap. */
final class PaddingBytes {

    private static final int BUFFER_SIZE = 1 << 16;

    private PaddingBytes() {
    }

    static void write(OutputStream out, long count, long seed) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        ByteBuffer view = ByteBuffer.wrap(buffer);
        long state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        long remaining = count;
        while (remaining > 0) {
            for (int i = 0; i < BUFFER_SIZE; i += Long.BYTES) {
                state ^= state >>> 12;
                state ^= state << 25;
                state ^= state >>> 27;
                view.putLong(i, state * 0x2545F4914F6CDD1DL);
            }
            int n = (int) Math.min(BUFFER_SIZE, remaining);
            out.write(buffer, 0, n);
            remaining -= n;
        }
    }
}
