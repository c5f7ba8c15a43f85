package dev.ossagent.upload;

import java.util.concurrent.atomic.AtomicLong;

/** Files and bytes still to upload across all queued plans, for the exit hook's progress lines. */
public final class UploadProgress {
    private final AtomicLong filesLeft = new AtomicLong();
    private final AtomicLong bytesLeft = new AtomicLong();

    void planned(int files, long bytes) {
        filesLeft.addAndGet(files);
        bytesLeft.addAndGet(bytes);
    }

    /** Bytes went out (negative: a failed attempt's bytes are taken back). */
    void sent(long bytes) {
        bytesLeft.addAndGet(-bytes);
    }

    /** One file is over, uploaded or given up; whatever of its planned size was not counted goes too. */
    void fileDone(long plannedSize, long counted) {
        filesLeft.decrementAndGet();
        bytesLeft.addAndGet(-(Math.max(0, plannedSize) - counted));
    }

    public long filesLeft() {
        return Math.max(0, filesLeft.get());
    }

    public long bytesLeft() {
        return Math.max(0, bytesLeft.get());
    }
}
