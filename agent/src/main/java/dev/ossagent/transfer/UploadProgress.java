package dev.ossagent.transfer;

import dev.ossagent.config.SettingNames;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files and bytes still to upload across all queued plans, for the exit hook's progress lines, and the files
 * (and manifests) given up on, so that the exit hook says "finished" only when everything was.
 */
public final class UploadProgress {
    private final AtomicLong filesLeft = new AtomicLong();
    private final AtomicLong bytesLeft = new AtomicLong();
    private final AtomicLong filesNotUploaded = new AtomicLong();
    private final AtomicLong manifestsNotWritten = new AtomicLong();
    private final AtomicLong filesRefused = new AtomicLong();
    private final AtomicLong sentTotal = new AtomicLong();
    private final AtomicLong filesVerified = new AtomicLong();
    private final AtomicLong manifestsWritten = new AtomicLong();
    private volatile String lastManifest;
    private volatile String lastLatest;
    private volatile boolean planned;
    private volatile EndpointState endpoint;
    /** The status line's own memory (one caller, the exit hook): bytes sent at the last movement, and when. */
    private long sentAtLastLook = -1;
    private long lastMovedMillis;

    /** True once any plan was queued in this JVM. */
    public boolean anyPlanned() {
        return planned;
    }

    public void planned(int files, long bytes) {
        planned = true;
        filesLeft.addAndGet(files);
        bytesLeft.addAndGet(bytes);
    }

    /** Bytes went out (negative: a failed attempt's bytes are taken back). */
    void sent(long bytes) {
        bytesLeft.addAndGet(-bytes);
        if (bytes > 0) {
            sentTotal.addAndGet(bytes);
        }
    }

    /** The endpoint the plans send to, for the status line. */
    void sendingTo(EndpointState state) {
        endpoint = state;
    }

    /**
     * What holds the upload up, for the exit hook's "still uploading" line: an outage ("OSS unreachable for
     * 95 s (connection refused), next try in 30 s"), or "0 B sent in 60 s: waiting for ..." when nothing moved
     * since the last look; null while bytes flow.
     */
    public synchronized String stalled(long nowMillis) {
        EndpointState state = endpoint;
        String outage = state == null ? null : state.outage(nowMillis);
        if (outage != null) {
            return outage;
        }
        long sent = sentTotal.get();
        if (sent != sentAtLastLook) {
            sentAtLastLook = sent;
            lastMovedMillis = nowMillis;
            return null;
        }
        long quiet = (nowMillis - lastMovedMillis) / 1000;
        return "0 B sent in " + quiet + " s: waiting for " + (state == null ? "the upload to start"
                : state.everAnswered() ? state.url() + " to answer" : state.url() + " to answer for the first time");
    }

    /** One file is over, uploaded or given up; whatever of its planned size was not counted goes too. */
    public void fileDone(long plannedSize, long counted) {
        filesLeft.decrementAndGet();
        bytesLeft.addAndGet(-(Math.max(0, plannedSize) - counted));
    }

    /** A plan is over with these files still in its journal, or with its manifest not written. */
    public void notFinished(int files, boolean manifest) {
        filesNotUploaded.addAndGet(files);
        manifestsNotWritten.addAndGet(manifest ? 1 : 0);
    }

    /** A plan is over with these files refused: OSS holds other content there and may not replace it. */
    public void refused(int files) {
        filesRefused.addAndGet(files);
    }

    /**
     * A plan is over: what it verified, its manifest ({@code bucket/key}, null when not written) and the pointer
     * it moved (null when none), for the run's last line.
     */
    public void settled(int verified, String manifest, String latest) {
        filesVerified.addAndGet(verified);
        if (manifest != null) {
            manifestsWritten.incrementAndGet();
            lastManifest = manifest;
        }
        if (latest != null) {
            lastLatest = latest;
        }
    }

    /** "3 files verified, manifest b/k written, LATEST b/k moved": what the finished plans achieved. */
    public String achieved() {
        long manifests = manifestsWritten.get();
        String line = filesVerified.get() + (filesVerified.get() == 1 ? " file" : " files") + " verified";
        if (manifests == 1) {
            line += ", manifest " + lastManifest + " written";
        } else if (manifests > 1) {
            line += ", " + manifests + " manifests written (the last " + lastManifest + ")";
        } else {
            line += ", no manifest written";
        }
        if (lastLatest != null) {
            line += ", LATEST " + lastLatest + " moved";
        }
        return line;
    }

    /** Null when no file was refused; otherwise how many, for the exit line. */
    public String refused() {
        long files = filesRefused.get();
        return files == 0 ? null : files + " file(s) not uploaded because OSS already holds other content there ("
                + SettingNames.OVERWRITE + "=false; see above)";
    }

    /** Null when every plan so far finished; otherwise what did not, for the exit line. */
    public String unfinished() {
        long files = filesNotUploaded.get();
        long manifests = manifestsNotWritten.get();
        if (files == 0 && manifests == 0) {
            return null;
        }
        String what = files > 0 ? files + " file(s) not uploaded" : "";
        if (manifests > 0) {
            what += (what.isEmpty() ? "" : " and ") + manifests + " manifest(s) not written";
        }
        return what;
    }

    public long filesLeft() {
        return Math.max(0, filesLeft.get());
    }

    public long bytesLeft() {
        return Math.max(0, bytesLeft.get());
    }
}
