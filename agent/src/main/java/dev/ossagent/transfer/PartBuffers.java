package dev.ossagent.transfer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory a plan's multipart uploads may hold in part buffers: an eighth of the JVM's maximum heap, shared by
 * the files that upload at once. Each file takes a {@link Pool} of {@code threads + 1} part-sized arrays (one being
 * read, one per part being sent), made as they are first needed and reused part after part; a file whose pool does
 * not fit what is left reads its parts where they lie instead ({@link FileSlice}), and its SHA-256 in a second pass.
 */
final class PartBuffers {
    /** Of the maximum heap, the share part buffers may take; 80 MiB (5 x 16 MiB) needs a 640 MiB heap. */
    private static final int SHARE = 8;
    /** A Java array holds at most about 2^31 bytes. */
    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 16;

    private final AtomicLong left;

    PartBuffers(long budget) {
        this.left = new AtomicLong(budget);
    }

    static PartBuffers ofHeap() {
        return new PartBuffers(Runtime.getRuntime().maxMemory() / SHARE);
    }

    /** {@code count} buffers of {@code size} bytes for one file, or null when they do not fit what is left. */
    Pool reserve(long size, int count) {
        long bytes = size * count;
        if (size > LARGEST_ARRAY || count < 1) {
            return null;
        }
        for (long now = left.get(); now >= bytes; now = left.get()) {
            if (left.compareAndSet(now, now - bytes)) {
                return new Pool((int) size, count);
            }
        }
        return null;
    }

    /** One file's buffers; {@link #close()} gives their memory back to the plan. */
    final class Pool implements AutoCloseable {
        private final int size;
        private final int count;
        private final Deque<byte[]> free = new ArrayDeque<>();
        private int made;
        private boolean closed;

        private Pool(int size, int count) {
            this.size = size;
            this.count = count;
        }

        /** A free buffer, made when fewer than {@code count} exist; otherwise waits for one to be given back. */
        synchronized byte[] take() throws InterruptedException {
            while (free.isEmpty() && made == count) {
                wait();
            }
            if (!free.isEmpty()) {
                return free.pop();
            }
            made++;
            return new byte[size];
        }

        synchronized void give(byte[] buffer) {
            free.push(buffer);
            notifyAll();
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                free.clear(); // garbage now: the plan's budget gets them back
                left.addAndGet((long) size * count);
            }
        }
    }
}
