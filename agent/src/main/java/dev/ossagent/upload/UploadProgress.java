package dev.ossagent.upload;

import java.util.concurrent.atomic.AtomicLong;

/** Files and bytes still to upload across all queued plans, for the exit hook's progress lines. */
public final class UploadProgress {
    private final AtomicLong filesLeft = new AtomicLong();
    private final AtomicLong bytesLeft = new AtomicLong();

    void planned(UploadPlan plan) {
        filesLeft.addAndGet(plan.files().size());
        bytesLeft.addAndGet(plan.totalBytes());
    }

    /** One file is over, uploaded or given up. */
    public void fileDone(PlannedFile file) {
        filesLeft.decrementAndGet();
        bytesLeft.addAndGet(-Math.max(0, file.size()));
    }

    public long filesLeft() {
        return filesLeft.get();
    }

    public long bytesLeft() {
        return bytesLeft.get();
    }
}
