package dev.ossagent.transfer;

import com.aliyun.oss.event.ProgressEvent;
import com.aliyun.oss.event.ProgressEventType;
import com.aliyun.oss.event.ProgressListener;
import dev.ossagent.log.AgentLog;
import dev.ossagent.log.Sizes;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of one file that have gone out, counted per request attempt so a failed attempt's bytes are taken
 * back. Every {@code ossagent.progress.interval} it logs a line: file, done of total, percent, MB/s, time
 * left. It also feeds the exit hook's totals and, for the command line, a progress bar.
 */
final class TransferProgress {
    /** Smaller files are over before a line could say anything useful. */
    private static final long REPORTED_FROM_BYTES = 1 << 20;

    private final String name;
    private final long total;
    private final long intervalNanos;
    private final UploadProgress overall;
    private final ProgressListener bar;
    private final long startNanos = System.nanoTime();
    private final AtomicLong counted = new AtomicLong();
    /**
     * Bytes of requests OSS has answered (and resumed parts): the exit hook's "left" counts a request in flight as
     * left until its answer, since its bytes may sit in socket buffers long before they arrive.
     */
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong nextReport;
    private volatile long resumedBytes;
    private final AtomicInteger retries;

    /**
     * @param intervalNanos 0 for no log lines
     * @param overall       the exit hook's totals, or null
     * @param bar           a command-line progress bar, or null
     */
    TransferProgress(String name, long total, long intervalNanos, UploadProgress overall, ProgressListener bar) {
        this(name, total, intervalNanos, overall, bar, null);
    }

    /** @param retries counts failed requests and new starts of the file, or null */
    TransferProgress(String name, long total, long intervalNanos, UploadProgress overall, ProgressListener bar,
                     AtomicInteger retries) {
        this.retries = retries;
        this.name = name;
        this.total = Math.max(0, total);
        this.intervalNanos = intervalNanos;
        this.overall = overall;
        if (overall != null) {
            overall.transferStarted(this.total);
        }
        this.bar = bar;
        this.nextReport = new AtomicLong(startNanos + intervalNanos);
    }

    /** Counts the bytes of one request; {@link Attempt#failed()} takes them back. */
    final class Attempt {
        private long bytes;

        /** {@code count} more bytes of the request went out: its body counts them per block it hands on. */
        void sent(long count) {
            if (count > 0) {
                bytes += count;
                add(count);
                if (overall != null) {
                    overall.wrote(count);
                }
            }
        }

        void failed() {
            retried();
            add(-bytes);
            bytes = 0;
        }

        /** OSS answered the request: its bytes arrived. */
        void answered() {
            settle(bytes);
        }
    }

    Attempt attempt() {
        return new Attempt();
    }

    private void retried() {
        if (retries != null) {
            retries.incrementAndGet();
        }
    }

    /** Parts stored by an earlier process count as done, but not towards the rate. */
    void resumed(long bytes) {
        resumedBytes = bytes;
        add(bytes);
        settle(bytes);
    }

    /** The file is sent again from the start. */
    void restart() {
        retried();
        resumedBytes = 0;
        add(-counted.get());
        settle(-answered.get());
    }

    private void settle(long delta) {
        answered.addAndGet(delta);
        if (overall != null) {
            overall.sent(delta);
        }
    }

    /** Bytes of parts an earlier process stored. */
    long resumedBytes() {
        return resumedBytes;
    }

    void publish(ProgressEventType type) {
        if (bar != null) {
            bar.progressChanged(new ProgressEvent(type));
        }
    }

    /** Settles the exit hook's totals for this file, whatever became of it. */
    void finished(long plannedSize) {
        if (overall != null) {
            overall.transferEnded(total);
            overall.fileDone(plannedSize, answered.get());
        }
    }

    private void add(long delta) {
        long done = counted.addAndGet(delta);
        if (bar != null && delta > 0) {
            bar.progressChanged(new ProgressEvent(ProgressEventType.REQUEST_BYTE_TRANSFER_EVENT, delta));
        }
        if (intervalNanos > 0 && total >= REPORTED_FROM_BYTES && done < total) {
            long now = System.nanoTime();
            long due = nextReport.get();
            if (now - due >= 0 && nextReport.compareAndSet(due, now + intervalNanos)) {
                AgentLog.info(line(done, now));
            }
        }
    }

    /** {@code uploading b/models/a.pt: 120.0 MiB of 1.0 GiB (11.7%), 85.3 MB/s, about 11 s left} */
    String line(long done, long nowNanos) {
        double seconds = (nowNanos - startNanos) / 1e9;
        double rate = seconds <= 0 ? 0 : Math.max(0, done - resumedBytes) / seconds;
        // Before the first percent the rate says little about the rest.
        String left = rate <= 0 || done - resumedBytes < total / 100 ? "time left unknown"
                : "about " + Math.round(Math.max(0, total - done) / rate) + " s left";
        return String.format(Locale.ROOT, "uploading %s: %s of %s (%.1f%%), %s, %s", name, Sizes.human(done),
                Sizes.human(total), total == 0 ? 100.0 : 100.0 * done / total, Sizes.rate(Math.max(0, done - resumedBytes),
                        seconds), left);
    }
}
