package dev.ossagent.transfer;

import dev.ossagent.config.SettingNames;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/**
 * {@code ossagent.upload.max-bandwidth}: the rate at which all uploads of a session together read the bytes they
 * send. Each block read takes the next slot on one clock, so the total never runs ahead of the rate by more than
 * one block per request; a long upload then leaves the trainer's link (and its disk) room.
 */
final class BandwidthCap {
    /** No cap: reads go through at once. */
    static final BandwidthCap NONE = new BandwidthCap(0);

    private final long bytesPerSecond;
    private final PlanAbort abort;
    private long nextFreeNanos;
    private long paced;

    BandwidthCap(long bytesPerSecond) {
        this(bytesPerSecond, new PlanAbort());
    }

    /** @param abort once aborted, every read fails: a request of an aborted upload stops mid-body */
    BandwidthCap(long bytesPerSecond, PlanAbort abort) {
        this.bytesPerSecond = bytesPerSecond;
        this.abort = abort;
    }

    /** Waits until {@code bytes} more fit the rate. */
    void take(long bytes) throws InterruptedIOException {
        if (abort.aborted()) {
            throw new InterruptedIOException("upload aborted: " + abort.reason());
        }
        if (bytesPerSecond <= 0 || bytes <= 0) {
            return;
        }
        long due;
        synchronized (this) {
            long start = Math.max(System.nanoTime(), nextFreeNanos);
            nextFreeNanos = start + TimeUnit.SECONDS.toNanos(1) * bytes / bytesPerSecond;
            paced += bytes;
            due = start;
        }
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while keeping to " + SettingNames.UPLOAD_MAX_BANDWIDTH);
            }
        }
    }

    /** Bytes that went through the cap: every byte read for sending, when a cap is set. */
    synchronized long paced() {
        return paced;
    }
}
