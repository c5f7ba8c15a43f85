package dev.ossagent.localoss;

import java.util.concurrent.TimeUnit;

/**
 * An optional cap on the rate at which request bodies are read, shared by all connections: a link of
 * that speed between every client and the server (for benchmarks of a real network's bandwidth).
 * Each read is given the next free slot on one virtual clock, so the total never runs ahead of the rate
 * by more than one {@link BodyReceiver#BUFFER_SIZE} per connection.
 */
final class BandwidthCap {
    private volatile long bytesPerSecond;
    private long nextFreeNanos;
    private long bytesCapped;

    /** 0 for no cap. */
    void set(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond must be >= 0");
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Bytes that went through the cap since start: every body byte read while it was set. */
    synchronized long bytesCapped() {
        return bytesCapped;
    }

    /** Waits until {@code bytes} more bytes fit the rate. */
    void take(long bytes) throws java.io.InterruptedIOException {
        long rate = bytesPerSecond;
        if (rate <= 0 || bytes <= 0) {
            return;
        }
        long due;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFreeNanos);
            nextFreeNanos = start + TimeUnit.SECONDS.toNanos(1) * bytes / rate;
            bytesCapped += bytes;
            due = nextFreeNanos;
        }
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while throttled");
            }
        }
    }
}
